import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, newId } from '../../db/columns.ts';

/** A tenant is one administration (a district, a park). It is the root of scoping, so it has no tenant_id. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().$defaultFn(newId),
  slug: text('slug').notNull().unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en'),
  divisionCode: text('division_code').notNull(),
  defaultLocale: text('default_locale').notNull().default('zh-CN'),
  createdAt: createdAt(),
});
