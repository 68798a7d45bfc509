import { and, inArray, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { mayBeCreditedTo } from '../agreements/credit.ts';
import { projects } from './schema.ts';
import { type Viewer, visibleProjects } from './visibility.ts';

export interface Scorecard {
  partnerId: string;
  referred: number;
  signed: number;
  amountSignedYuan: string;
  /** signed / referred; null for a partner that has referred nothing yet. */
  conversion: number | null;
  medianDaysLeadToSigned: number | null;
}

/**
 * What each partner brought in, by introducer credit (domain/introducer-credit.ts): the projects credited to it
 * (`referred`: the first registered introducer's, else the referring partner's), how many were signed (a project signed and later lost still
 * counts: the signature happened), their amount in yuan, and the median days from lead to signing. Limited to
 * the projects the caller sees, so a town officer's scorecard covers their towns.
 */
export async function scorecards(tx: TenantTx, viewer: Viewer, partnerIds: string[]): Promise<Scorecard[]> {
  if (!partnerIds.length) return [];
  const where: SQL[] = [mayBeCreditedTo(partnerIds)];
  const visible = visibleProjects(viewer);
  if (visible) where.push(visible);
  const { rows } = (await tx.execute(sql`
    with credited as (
      select ${projects.creditedPartnerId} as partner, ${projects.signedAt} as signed_at,
        ${projects.createdAt} as created_at, ${projects.amountYuan} as amount_yuan
      from ${projects} where ${and(...where)})
    select partner, count(*)::int as referred, count(signed_at)::int as signed,
      coalesce(sum(amount_yuan) filter (where signed_at is not null), 0)::text as amount,
      percentile_cont(0.5) within group (order by extract(epoch from signed_at - created_at))
        filter (where signed_at is not null) as median
    from credited where ${inArray(sql`partner`, partnerIds)} group by 1`)) as unknown as {
    rows: {
      partner: string;
      referred: number;
      signed: number;
      amount: string;
      median: number | string | null;
    }[];
  };
  const found = new Map(rows.map((r) => [r.partner, r]));
  return partnerIds.map((partnerId) => {
    const r = found.get(partnerId);
    if (!r)
      return {
        partnerId,
        referred: 0,
        signed: 0,
        amountSignedYuan: '0',
        conversion: null,
        medianDaysLeadToSigned: null,
      };
    return {
      partnerId,
      referred: r.referred,
      signed: r.signed,
      amountSignedYuan: r.amount,
      conversion: Math.round((r.signed / r.referred) * 10_000) / 10_000,
      medianDaysLeadToSigned: r.median === null ? null : Math.round((Number(r.median) / 86_400) * 100) / 100,
    };
  });
}
