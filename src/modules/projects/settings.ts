import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { TenantTx } from '../../db/scope.ts';
import { defaultMajorThresholdYuan, formatRate, isCurrencyCode, parseRate } from '../../domain/currency.ts';
import { invalid, notFound } from '../../domain/problem.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { currencyRates, pipelineSettings } from './schema.ts';

/** The yuan amount from which a project is major: the tenant's own, or the default of 100 million yuan. */
export async function majorThreshold(tx: TenantTx): Promise<bigint> {
  const [row] = await tx.select().from(pipelineSettings);
  return row?.majorThresholdYuan ?? defaultMajorThresholdYuan;
}

/** The same threshold as a scalar subquery, so a statement that needs it does not cost a round trip of its own. */
export const majorThresholdSql: SQL<string> = sql<string>`coalesce((select ${pipelineSettings.majorThresholdYuan} from ${pipelineSettings}), ${defaultMajorThresholdYuan.toString()}::bigint)`;

export async function setMajorThreshold(tx: TenantTx, actor: AuditActor, yuan: bigint) {
  if (yuan <= 0n) throw invalid('the major-project threshold must be a positive number of yuan');
  const [before] = await tx.select().from(pipelineSettings);
  const [after] = await tx
    .insert(pipelineSettings)
    .values({ tenantId: actor.tenantId, majorThresholdYuan: yuan })
    .onConflictDoUpdate({
      target: pipelineSettings.tenantId,
      set: { majorThresholdYuan: yuan, updatedAt: new Date() },
    })
    .returning();
  await recordAudit(tx, actor, {
    entity: 'pipeline_settings',
    entityId: actor.tenantId,
    action: before ? 'update' : 'create',
    before: before ?? null,
    after,
  });
}

export function presentRate(row: typeof currencyRates.$inferSelect) {
  return {
    currency: row.currency,
    yuanPerUnit: formatRate(row.yuanPerUnitMicros),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listRates(tx: TenantTx) {
  return (await tx.select().from(currencyRates).orderBy(asc(currencyRates.currency))).map(presentRate);
}

/** Millionths of a yuan per unit of the currency; the yuan itself is always 1. Null when the tenant has no rate. */
export async function rateFor(tx: TenantTx, currency: string): Promise<bigint | null> {
  if (currency === 'CNY') return 1_000_000n;
  const [row] = await tx.select().from(currencyRates).where(eq(currencyRates.currency, currency));
  return row?.yuanPerUnitMicros ?? null;
}

/**
 * Sets the rate for future conversions. Amounts already entered keep the yuan value they were given: the
 * bureau reports a signing at the rate of its day.
 */
export async function setRate(tx: TenantTx, actor: AuditActor, currency: string, yuanPerUnit: string) {
  if (!isCurrencyCode(currency) || currency === 'CNY')
    throw invalid('currency must be an ISO 4217 code other than CNY, such as USD');
  const micros = parseRate(yuanPerUnit);
  if (micros === null) throw invalid('yuanPerUnit must be a positive decimal with up to six decimals');
  const [before] = await tx.select().from(currencyRates).where(eq(currencyRates.currency, currency));
  const [after] = await tx
    .insert(currencyRates)
    .values({ tenantId: actor.tenantId, currency, yuanPerUnitMicros: micros })
    .onConflictDoUpdate({
      target: [currencyRates.tenantId, currencyRates.currency],
      set: { yuanPerUnitMicros: micros, updatedAt: new Date() },
    })
    .returning();
  if (!after) throw new Error('rate upsert returned nothing');
  await recordAudit(tx, actor, {
    entity: 'currency_rates',
    entityId: currency,
    action: before ? 'update' : 'create',
    before: before ?? null,
    after,
  });
  return presentRate(after);
}

export async function deleteRate(tx: TenantTx, actor: AuditActor, currency: string) {
  const [before] = await tx.delete(currencyRates).where(eq(currencyRates.currency, currency)).returning();
  if (!before) throw notFound('currency rate');
  await recordAudit(tx, actor, {
    entity: 'currency_rates',
    entityId: currency,
    action: 'delete',
    before,
    after: null,
  });
}
