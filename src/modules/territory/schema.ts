import { pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn } from '../../db/columns.ts';

/** The tenant's own towns/subdistricts, copied from the reference divisions when the tenant is created. */
export const towns = pgTable(
  'towns',
  {
    tenantId: tenantIdColumn(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

/** A zone is a named group of towns, such as Jiading New City, that the district reports on as one area. */
export const zones = pgTable(
  'zones',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    townCodes: text('town_codes').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('zones_tenant_name').on(t.tenantId, t.nameZh)],
);

export const sites = pgTable(
  'sites',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    townCode: text('town_code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('sites_tenant_name').on(t.tenantId, t.nameZh)],
);

export const clusters = pgTable(
  'clusters',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    industryCodes: text('industry_codes').array().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('clusters_tenant_code').on(t.tenantId, t.code)],
);
