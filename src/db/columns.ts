import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids keep B-tree inserts local, which matters for bulk imports of a million rows. */
export const newId = (): string => uuidv7();

export const idColumn = () => uuid('id').notNull().$defaultFn(newId);
export const tenantIdColumn = () => uuid('tenant_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
// Millisecond precision, so a keyset cursor carried through a JavaScript Date compares exactly.
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
