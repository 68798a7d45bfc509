import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';
import { partners } from '../partners/schema.ts';
import { sites } from '../territory/schema.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A promotion event: a delegation visit (考察), a promotion conference (推介会), a signing ceremony (签约仪式) or a
 * roadshow. Host and organisers are named as the invitation names them.
 */
export const events = pgTable(
  'events',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    venue: text('venue'),
    /** City and country of a roadshow; empty at home. */
    location: text('location'),
    host: text('host'),
    organisers: text('organisers').array().notNull().default(sql`'{}'::text[]`),
    descriptionZh: text('description_zh'),
    descriptionEn: text('description_en'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    check('events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('events_starts').on(t.tenantId, t.startsAt, t.id),
  ],
);

/** An organisation invited to an event: a partner, a registry company, or one known only by name. */
export const eventOrganisations = pgTable(
  'event_organisations',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    eventId: uuid('event_id').notNull(),
    partnerId: uuid('partner_id'),
    companyId: uuid('company_id'),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'event_organisations_event',
      columns: [t.tenantId, t.eventId],
      foreignColumns: [events.tenantId, events.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'event_organisations_partner',
      columns: [t.tenantId, t.partnerId],
      foreignColumns: [partners.tenantId, partners.id],
    }),
    unique('event_organisations_name').on(t.tenantId, t.eventId, t.name),
  ],
);

/**
 * A person on an event's list: invitation sent or not, their answer, and when they checked in on the day.
 * `list_key` is the normalised name and organisation: a person appears once on a list.
 */
export const eventAttendees = pgTable(
  'event_attendees',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    eventId: uuid('event_id').notNull(),
    organisationId: uuid('organisation_id'),
    name: text('name').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    listKey: text('list_key').notNull(),
    invitation: text('invitation').notNull().default('not_sent'),
    rsvp: text('rsvp').notNull().default('pending'),
    checkedInAt: instant('checked_in_at'),
    checkedInBy: text('checked_in_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'event_attendees_event',
      columns: [t.tenantId, t.eventId],
      foreignColumns: [events.tenantId, events.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'event_attendees_organisation',
      columns: [t.tenantId, t.organisationId],
      foreignColumns: [eventOrganisations.tenantId, eventOrganisations.id],
    }),
    unique('event_attendees_once').on(t.tenantId, t.eventId, t.listKey),
    index('event_attendees_event').on(t.tenantId, t.eventId, t.name),
  ],
);

/** A group touring together (a bus), with its head count. */
export const eventGroups = pgTable(
  'event_groups',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    eventId: uuid('event_id').notNull(),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    headCount: integer('head_count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'event_groups_event',
      columns: [t.tenantId, t.eventId],
      foreignColumns: [events.tenantId, events.id],
    }).onDelete('cascade'),
    check('event_groups_head_count', sql`${t.headCount} > 0`),
    index('event_groups_event').on(t.tenantId, t.eventId, t.position),
  ],
);

/** A group's stop at a site; a site on an itinerary cannot be removed. */
export const eventStops = pgTable(
  'event_stops',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    eventId: uuid('event_id').notNull(),
    groupId: uuid('group_id').notNull(),
    siteId: uuid('site_id').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'event_stops_group',
      columns: [t.tenantId, t.groupId],
      foreignColumns: [eventGroups.tenantId, eventGroups.id],
    }).onDelete('cascade'),
    foreignKey({
      name: 'event_stops_site',
      columns: [t.tenantId, t.siteId],
      foreignColumns: [sites.tenantId, sites.id],
    }),
    index('event_stops_event').on(t.tenantId, t.eventId, t.groupId, t.startsAt),
  ],
);
