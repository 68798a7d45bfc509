import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';

/**
 * The intermediaries that refer projects: industry associations, federations, chambers of commerce (including
 * those of other regions, 异地商会), service agencies and referring companies. The agreement they operate under
 * (委托招商协议) is a reference until the agreements module exists.
 */
export const partners = pgTable(
  'partners',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    /** The registry company behind a referring company, when it is in the registry. */
    companyId: uuid('company_id'),
    /** The region a chamber of another region (异地商会) represents, or an agent's territory. */
    region: text('region'),
    agreementRef: text('agreement_ref'),
    agreementSignedOn: date('agreement_signed_on', { mode: 'string' }),
    website: text('website'),
    notes: text('notes'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('partners_tenant_name').on(t.tenantId, t.nameZh),
    index('partners_sort_name').on(t.tenantId, t.nameZh, t.id),
    index('partners_sort_updated').on(t.tenantId, t.updatedAt, t.id),
  ],
);

export const partnerContacts = pgTable(
  'partner_contacts',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    partnerId: uuid('partner_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'partner_contacts_partner',
      columns: [t.tenantId, t.partnerId],
      foreignColumns: [partners.tenantId, partners.id],
    }).onDelete('cascade'),
    index('partner_contacts_partner').on(t.tenantId, t.partnerId),
    // One primary contact per partner.
    uniqueIndex('partner_contacts_one_primary').on(t.tenantId, t.partnerId).where(sql`is_primary`),
  ],
);
