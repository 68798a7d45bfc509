import { index, pgTable, text } from 'drizzle-orm/pg-core';

/** Facts shared by all tenants (GB/T 2260 divisions, GB/T 4754 industries): global tables, loaded from shipped files. */
export const referenceDivisions = pgTable(
  'reference_divisions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    level: text('level').notNull(),
  },
  (t) => [index('reference_divisions_parent').on(t.parentCode)],
);

export const referenceIndustries = pgTable(
  'reference_industries',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code'),
    level: text('level').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
  },
  (t) => [index('reference_industries_parent').on(t.parentCode)],
);

export const referenceMeta = pgTable('reference_meta', {
  name: text('name').primaryKey(),
  checksum: text('checksum').notNull(),
});
