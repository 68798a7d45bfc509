import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';
import { companies } from '../companies/schema.ts';
import { events } from '../events/schema.ts';
import { partners } from '../partners/schema.ts';
import { projects } from '../projects/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A cooperation agreement: strategic cooperation, framework, investment or commissioned promotion (委托招商协议).
 * The status is stored as last moved; expiry past the term end is derived when read (domain/agreements.ts).
 * `event_id` names the event it was signed at (the events module's table; its key is added with that module).
 */
export const agreements = pgTable(
  'agreements',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    referenceNo: text('reference_no'),
    summary: text('summary'),
    status: text('status').notNull().default('draft'),
    signedOn: date('signed_on', { mode: 'string' }),
    eventId: uuid('event_id'),
    termStart: date('term_start', { mode: 'string' }),
    termEnd: date('term_end', { mode: 'string' }),
    /** The agreement this one renews: a renewal is a new agreement, so the old one's record stays as it was. */
    renewsId: uuid('renews_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'agreements_renews',
      columns: [t.tenantId, t.renewsId],
      foreignColumns: [t.tenantId, t.id],
    }),
    // An event with agreements signed at it cannot be deleted, as one with leads cannot.
    foreignKey({
      name: 'agreements_event',
      columns: [t.tenantId, t.eventId],
      foreignColumns: [events.tenantId, events.id],
    }),
    uniqueIndex('agreements_reference').on(t.tenantId, t.referenceNo).where(sql`reference_no is not null`),
    index('agreements_sort_updated').on(t.tenantId, t.updatedAt, t.id),
    index('agreements_sort_signed').on(t.tenantId, sql`coalesce(${t.signedOn}, '0001-01-01')`, t.id),
    index('agreements_sort_title').on(t.tenantId, t.titleZh, t.id),
    index('agreements_sort_term_end').on(t.tenantId, sql`coalesce(${t.termEnd}, '9999-12-31')`, t.id),
    index('agreements_event').on(t.tenantId, t.eventId),
  ],
);

/** A party and its role (甲方, 乙方, 委托方, 受托方 …): the district itself, a partner, a registry company, or a body by name. */
export const agreementParties = pgTable(
  'agreement_parties',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid('agreement_id').notNull(),
    partyKind: text('party_kind').notNull(),
    partnerId: uuid('partner_id'),
    companyId: uuid('company_id'),
    /** The name of an outside organisation; for the other kinds, the name comes from their record. */
    name: text('name'),
    role: text('role'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'agreement_parties_agreement',
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }).onDelete('cascade'),
    // A partner or company that is party to an agreement keeps its record.
    foreignKey({
      name: 'agreement_parties_partner',
      columns: [t.tenantId, t.partnerId],
      foreignColumns: [partners.tenantId, partners.id],
    }),
    foreignKey({
      name: 'agreement_parties_company',
      columns: [t.tenantId, t.companyId],
      foreignColumns: [companies.tenantId, companies.id],
    }),
    index('agreement_parties_agreement').on(t.tenantId, t.agreementId),
    index('agreement_parties_partner').on(t.tenantId, t.partnerId),
  ],
);

/** Projects that came from, or are governed by, an agreement. */
export const agreementProjects = pgTable(
  'agreement_projects',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid('agreement_id').notNull(),
    projectId: uuid('project_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('agreement_projects_pair').on(t.tenantId, t.agreementId, t.projectId),
    foreignKey({
      name: 'agreement_projects_agreement',
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'agreement_projects_project',
      columns: [t.tenantId, t.projectId],
      foreignColumns: [projects.tenantId, projects.id],
    }).onDelete('cascade'),
    index('agreement_projects_project').on(t.tenantId, t.projectId),
  ],
);

/** What an agreement commits its parties to: obligations and milestones, each with an owner and a due date. */
export const agreementMilestones = pgTable(
  'agreement_milestones',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid('agreement_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    /** A user of the district who answers for it, or else who does by name (a party's contact). */
    ownerUserId: uuid('owner_user_id'),
    ownerName: text('owner_name'),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'agreement_milestones_agreement',
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }).onDelete('cascade'),
    index('agreement_milestones_agreement').on(t.tenantId, t.agreementId),
    // Reminders: open milestones by due date, per owner.
    index('agreement_milestones_open').on(t.tenantId, t.dueOn).where(sql`done_on is null`),
  ],
);

/**
 * Documents of an agreement, stored in the database (so a backup carries them) with their SHA-256 checksum and
 * size. The content type is the one the bytes proved, not the one the browser claimed.
 */
export const agreementAttachments = pgTable(
  'agreement_attachments',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid('agreement_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByEmail: text('uploaded_by_email').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'agreement_attachments_agreement',
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }).onDelete('cascade'),
    index('agreement_attachments_agreement').on(t.tenantId, t.agreementId),
  ],
);

/**
 * Under a commissioned-promotion agreement: the bureau registers a partner as introducer of a project (or of a
 * prospective investor not yet a project), on a date, as 信息引荐人 or 推动引荐人. Credit follows these
 * (domain/introducer-credit.ts).
 */
export const introducerRegistrations = pgTable(
  'introducer_registrations',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    agreementId: uuid('agreement_id').notNull(),
    partnerId: uuid('partner_id').notNull(),
    projectId: uuid('project_id'),
    prospectName: text('prospect_name'),
    role: text('role').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    // Millisecond precision: it breaks ties between registrations of one day, in SQL and in JavaScript alike.
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'introducer_registrations_agreement',
      columns: [t.tenantId, t.agreementId],
      foreignColumns: [agreements.tenantId, agreements.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'introducer_registrations_partner',
      columns: [t.tenantId, t.partnerId],
      foreignColumns: [partners.tenantId, partners.id],
    }),
    foreignKey({
      name: 'introducer_registrations_project',
      columns: [t.tenantId, t.projectId],
      foreignColumns: [projects.tenantId, projects.id],
    }).onDelete('cascade'),
    // The first registration of a project: the credit rule reads it through this index.
    index('introducer_registrations_project').on(t.tenantId, t.projectId, t.registeredOn, t.createdAt),
    index('introducer_registrations_partner').on(t.tenantId, t.partnerId),
    index('introducer_registrations_agreement').on(t.tenantId, t.agreementId),
  ],
);
