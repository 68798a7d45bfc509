import { bigint, foreignKey, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';
import { sites } from '../territory/schema.ts';

/**
 * A yearly target the leadership is scored against: for the whole district, or for one cluster or park (site).
 * One value per year, metric and scope; counts are whole numbers, money is yuan.
 */
export const cockpitTargets = pgTable(
  'cockpit_targets',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    year: integer('year').notNull(),
    metric: text('metric').notNull(),
    clusterId: uuid('cluster_id'),
    siteId: uuid('site_id'),
    value: bigint('value', { mode: 'bigint' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Sites can be removed (/api/v1/sites): not one a target is set for.
    foreignKey({
      name: 'cockpit_targets_site',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [sites.tenantId, sites.id],
    }),
    unique('cockpit_targets_scope')
      .on(t.tenantId, t.year, t.metric, t.clusterId, t.siteId)
      .nullsNotDistinct(),
  ],
);
