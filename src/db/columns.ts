import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

// uuid asks the platform for 16 random bytes per id, which cost more than validating the row it names in an import
// of a million; they are drawn here 64 KiB at a time instead. Given its bytes, uuid no longer keeps ids made in
// the same millisecond in order, so the counter it would keep is kept here, as it keeps it (RFC 9562, method 1):
// rows written in one transaction share their timestamp, and their ids then tell their order.
const randomPool = new Uint8Array(65_536);
let randomTaken = randomPool.length;
let lastMs = Number.NEGATIVE_INFINITY;
let counter = 0;

function pooledRandom(): Uint8Array {
  if (randomTaken === randomPool.length) {
    crypto.getRandomValues(randomPool);
    randomTaken = 0;
  }
  randomTaken += 16;
  return randomPool.subarray(randomTaken - 16, randomTaken);
}

/** Time-ordered ids keep B-tree inserts local, which matters for bulk imports of a million rows. */
export function newId(): string {
  const random = pooledRandom();
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter =
      (((random[6] as number) & 0x7f) << 24) |
      ((random[7] as number) << 16) |
      ((random[8] as number) << 8) |
      (random[9] as number);
  } else {
    counter = (counter + 1) | 0;
    if (counter === 0) lastMs++;
  }
  return uuidv7({ random, msecs: lastMs, seq: counter });
}

export const idColumn = () => uuid('id').notNull().$defaultFn(newId);
export const tenantIdColumn = () => uuid('tenant_id').notNull();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
// Millisecond precision, so a keyset cursor carried through a JavaScript Date compares exactly.
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();
