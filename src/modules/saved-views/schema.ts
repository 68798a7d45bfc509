import { jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, tenantIdColumn, updatedAt } from '../../db/columns.ts';

/**
 * A user's named set of list filters and sort, for one list (`entity`: projects, companies). Views are personal:
 * row-level security keeps them in the tenant and the service keeps them to their owner.
 */
export const savedViews = pgTable(
  'saved_views',
  {
    tenantId: tenantIdColumn(),
    id: idColumn(),
    userId: uuid('user_id').notNull(),
    entity: text('entity').notNull(),
    name: text('name').notNull(),
    /** The list's query parameters, as the list route takes them. */
    query: jsonb('query').$type<Record<string, string | boolean>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique('saved_views_name').on(t.tenantId, t.userId, t.entity, t.name),
  ],
);
