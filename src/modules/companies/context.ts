import type { Db } from '../../db/client.ts';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import type { RowContext } from '../../domain/company-row.ts';
import { referenceIndustries } from '../reference/schema.ts';
import { listTowns } from '../territory/service.ts';

type Industries = Pick<RowContext, 'industries' | 'industryNames'>;
let industryReference: Industries | null = null;

/**
 * GB/T 4754 numeric code (and section letter) → section letter, and section, division, group and class name → code
 * (a class often repeats its group's name, and 房地产业 names a section and a division: the most specific wins).
 * Reference data changes only with a release, so it is read once.
 */
async function industries(db: Pick<Db, 'select'>): Promise<Industries> {
  if (industryReference) return industryReference;
  const rows = await db
    .select({
      code: referenceIndustries.code,
      parent: referenceIndustries.parentCode,
      name: referenceIndustries.nameZh,
    })
    .from(referenceIndustries);
  const parent = new Map(rows.map((r) => [r.code, r.parent]));
  const sections = new Map<string, string>();
  const names = new Map<string, string>();
  for (const { code, name } of rows) {
    if (/^[A-T]$/.test(code)) {
      // Exports that give only the section (门类), as a letter or a name (制造业).
      sections.set(code, code);
      if (!names.has(name)) names.set(name, code);
      continue;
    }
    if (!/^\d+$/.test(code)) continue;
    let up: string | null | undefined = code;
    while (up && /^\d/.test(up)) up = parent.get(up);
    if (up) sections.set(code, up);
    const named = names.get(name);
    if (!named || named.length < code.length) names.set(name, code);
  }
  industryReference = { industries: sections, industryNames: names };
  return industryReference;
}

/** Towns answer to their code, their Chinese name with or without the 镇/街道 ending, and their English name. */
export async function rowContext(tx: TenantTx): Promise<RowContext> {
  const towns = new Map<string, string>();
  for (const t of await listTowns(tx)) {
    towns.set(t.code, t.code);
    towns.set(t.nameZh, t.code);
    const short = t.nameZh.replace(/(街道|镇|新区)$/, '');
    if (short.length >= 2 && !towns.has(short)) towns.set(short, t.code);
    if (t.nameEn) towns.set(t.nameEn, t.code);
  }
  return { towns, ...(await industries(tx)), today: civilDate(new Date(), bureauTimeZone) };
}
