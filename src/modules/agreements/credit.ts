import { inArray, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { bureauTimeZone, civilDate } from '../../domain/calendar.ts';
import { type Credit, creditedPartner } from '../../domain/introducer-credit.ts';
import { projects } from '../projects/schema.ts';
import { introducerRegistrations } from './schema.ts';

// Introducer credit for the pipeline's figures. The rule is domain/introducer-credit.ts. The database keeps each
// project's credited partner in projects.credited_partner_id (migration 0020), which the scorecards, the funnel
// and the list filter read. The SQL below states the rule again from the rows: a page's credit with its basis, and
// the recount the kept column is checked against. Tests check all of them against each other.

const r = introducerRegistrations;

/** The day a project was first signed, on the bureau's clock, as SQL. */
const signedDay = sql`(${projects.signedAt} at time zone ${bureauTimeZone})::date`;

/** The first registration that counts for the project in the row, as `select <what> from … limit 1`. */
const firstCounting = (what: SQL) => sql`select ${what} from ${r}
  where ${r.tenantId} = ${projects.tenantId} and ${r.projectId} = ${projects.id}
    and (${projects.signedAt} is null or ${r.registeredOn} < ${signedDay})
  order by ${r.registeredOn}, ${r.createdAt}, ${r.id} limit 1`;

/** The partner of the first registration that counts for the project in the row, or NULL. */
const firstIntroducer = sql`(${firstCounting(sql`${r.partnerId}`)})`;

/**
 * The credit of the project in the row as JSON, a `Credit` with the credited partner's `PartnerName` as `partner`:
 * a page of projects reads it in its own statement instead of asking for the registrations after.
 */
export function creditJsonSql<Name>(
  partnerName: (id: SQL) => SQL<Name | null>,
): SQL<(Credit & { partner: Name | null }) | null> {
  const credit = (partnerId: SQL, basis: Credit['basis'], registrationId: SQL) =>
    sql`json_build_object('partnerId', ${partnerId}, 'basis', ${basis}::text, 'registrationId', ${registrationId}, 'partner', ${partnerName(partnerId)})`;
  return sql`coalesce((${firstCounting(credit(sql`${r.partnerId}`, 'introducer', sql`${r.id}`))}),
    case when ${projects.partnerId} is not null then ${credit(sql`${projects.partnerId}`, 'referral', sql`null::uuid`)}
    else ${credit(sql`null::uuid`, 'none', sql`null::uuid`)} end)`;
}

/**
 * The credited partner of the project in the row, worked out from its registrations: the first registered
 * introducer, else the referring partner.
 */
export const creditedPartnerSql: SQL = sql`coalesce(${firstIntroducer}, ${projects.partnerId})`;

/**
 * Projects that may be credited to one of these partners: those they referred or were registered for. Narrows an
 * aggregate to a few indexed rows before their credit is read.
 */
export function mayBeCreditedTo(partnerIds: string[]): SQL {
  return sql`(${inArray(projects.partnerId, partnerIds)} or ${projects.id} in (
    select ${r.projectId} from ${r} where ${inArray(r.partnerId, partnerIds)} and ${r.projectId} is not null))`;
}

type ProjectForCredit = { id: string; signedAt: Date | null; partnerId: string | null };
type RegistrationRow = {
  id: string;
  projectId: string | null;
  partnerId: string;
  registeredOn: string;
  recordedAt: Date;
};

function creditsFrom(rows: ProjectForCredit[], registrations: RegistrationRow[]): Map<string, Credit> {
  const out = new Map<string, Credit>();
  for (const p of rows) {
    const mine = registrations.filter((x) => x.projectId === p.id);
    out.set(
      p.id,
      creditedPartner(mine, p.signedAt ? civilDate(p.signedAt, bureauTimeZone) : null, p.partnerId),
    );
  }
  return out;
}

/** Credit for each of these projects, by the domain rule, from their registrations. */
export async function creditsFor(tx: TenantTx, rows: ProjectForCredit[]): Promise<Map<string, Credit>> {
  if (!rows.length) return new Map();
  const registrations = await tx
    .select({
      id: r.id,
      projectId: r.projectId,
      partnerId: r.partnerId,
      registeredOn: r.registeredOn,
      recordedAt: r.createdAt,
    })
    .from(r)
    .where(
      inArray(
        r.projectId,
        rows.map((p) => p.id),
      ),
    );
  return creditsFrom(rows, registrations);
}

/**
 * The same as `creditsFor`, split for a caller that reads the registrations inside a statement of its own: `json`
 * is a scalar subquery, `partnerIds` selects the partners registered, and `credits` reads the JSON it returned.
 */
export function creditsInStatement(rows: ProjectForCredit[]) {
  const ids = rows.map((p) => p.id);
  const these = ids.length ? inArray(r.projectId, ids) : sql`false`;
  return {
    json: sql`(select json_agg(json_build_object('id', ${r.id}, 'projectId', ${r.projectId}, 'partnerId', ${r.partnerId}, 'registeredOn', ${r.registeredOn}, 'recordedAt', ${r.createdAt})) from ${r} where ${these})`,
    partnerIds: sql`(select ${r.partnerId} from ${r} where ${these})`,
    credits(json: (Omit<RegistrationRow, 'recordedAt'> & { recordedAt: string })[] | null) {
      return creditsFrom(
        rows,
        (json ?? []).map((x) => ({ ...x, recordedAt: new Date(x.recordedAt) })),
      );
    },
  };
}
