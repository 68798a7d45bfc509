import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';
import type { OpeningHours } from '../../domain/itinerary.ts';

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
    address: text('address'),
    /** How many visitors the site takes at once; null when unknown (then no capacity check). */
    capacity: integer('capacity'),
    /** Monday to Sunday, each open/close local times or null when closed; null when unknown. */
    openingHours: jsonb('opening_hours').$type<OpeningHours>(),
    hostName: text('host_name'),
    hostPhone: text('host_phone'),
    introZh: text('intro_zh'),
    introEn: text('intro_en'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), unique('sites_tenant_name').on(t.tenantId, t.nameZh)],
);

/**
 * Minutes by road between two sites, one row per pair in either direction: the pair is stored with the smaller id
 * first, so a lookup is symmetric by construction.
 */
export const siteTravelTimes = pgTable(
  'site_travel_times',
  {
    tenantId: tenantIdColumn(),
    siteA: uuid('site_a').notNull(),
    siteB: uuid('site_b').notNull(),
    minutes: integer('minutes').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.siteA, t.siteB] }),
    foreignKey({
      name: 'site_travel_times_a',
      columns: [t.tenantId, t.siteA],
      foreignColumns: [sites.tenantId, sites.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'site_travel_times_b',
      columns: [t.tenantId, t.siteB],
      foreignColumns: [sites.tenantId, sites.id],
    }).onDelete('cascade'),
    check('site_travel_times_order', sql`${t.siteA} < ${t.siteB}`),
    check('site_travel_times_minutes', sql`${t.minutes} between 0 and 1440`),
  ],
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
