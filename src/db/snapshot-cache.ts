import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Any handle that runs a statement: the snapshot is the database's, whoever asks. */
type Executor = Pick<Db, 'execute'>;

/**
 * The database's current snapshot: which transactions a statement sees as committed. Two statements that report
 * the same snapshot see exactly the same data, in every table; any commit in between changes it.
 */
export async function currentSnapshot(db: Executor): Promise<string> {
  const { rows } = (await db.execute(sql`select pg_current_snapshot()::text as snapshot`)) as unknown as {
    rows: { snapshot: string }[];
  };
  return rows[0]?.snapshot ?? '';
}

interface Kept {
  snapshot: string;
  body: Buffer;
}

/**
 * Replies kept with the snapshot the database showed just before they were read, and given again only while it
 * still shows that snapshot: never an answer older than the data. (A reply read after a commit that followed its
 * snapshot is kept under a snapshot that can never come back, so it is never given.) Any commit, of any writer,
 * retires every entry at once, so the cache helps where reads repeat between writes: many officers opening the same
 * board. It holds at most `maxEntries` replies and `maxBytes` bytes of them, dropping the least recently used.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, Kept>();
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  /**
   * The reply under `key`: kept, if nothing has been committed since it was read, else read now and kept. Kept as
   * the bytes to send: turning a large string into them again on every reply cost a tenth of a hit.
   */
  async reply(db: Executor, key: string, read: () => Promise<Buffer>): Promise<Buffer> {
    const snapshot = await currentSnapshot(db);
    const kept = this.#entries.get(key);
    if (kept) this.#drop(key, kept);
    if (kept?.snapshot === snapshot) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.set(key, kept);
      this.#bytes += kept.body.length;
      return kept.body;
    }
    const body = await read();
    this.#keep(key, snapshot, body);
    return body;
  }

  get size(): number {
    return this.#entries.size;
  }

  #keep(key: string, snapshot: string, body: Buffer): void {
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    if (body.length > this.maxBytes) return;
    this.#entries.set(key, { snapshot, body });
    this.#bytes += body.length;
    for (const [oldest, kept] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxBytes) break;
      this.#drop(oldest, kept);
    }
  }

  #drop(key: string, kept: Kept): void {
    this.#entries.delete(key);
    this.#bytes -= kept.body.length;
  }
}
