import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/** Any handle that runs a statement: the snapshot is the database's, whoever asks. */
type Executor = Pick<Db, 'execute'>;

/**
 * The database's current snapshot: which transactions a statement sees as committed. Two statements that report
 * the same snapshot see exactly the same data, in every table; any commit in between changes it. Selected beside
 * the rows of a read, it says which state of the data those rows are.
 */
export const snapshotSql = sql<string>`pg_current_snapshot()::text`;

export async function currentSnapshot(tx: Executor): Promise<string> {
  const { rows } = (await tx.execute(sql`select ${snapshotSql} as snapshot`)) as unknown as {
    rows: { snapshot: string }[];
  };
  return rows[0]?.snapshot ?? '';
}

interface Kept {
  snapshot: string;
  body: string;
}

/**
 * Replies kept with the snapshot they were read at, and given again only while the database still shows that
 * snapshot: never an answer older than the data. Any commit, of any writer, retires every entry at once, so the
 * cache only helps where reads repeat between writes (many officers opening the same board). It holds at most
 * `maxEntries` replies and `maxChars` characters of them, dropping the least recently used.
 */
export class SnapshotCache {
  readonly #entries = new Map<string, Kept>();
  #bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
  ) {}

  /** The reply kept under `key`, if it was read at the snapshot the caller's statement sees now. */
  async fresh(tx: Executor, key: string): Promise<string | null> {
    const kept = this.#entries.get(key);
    if (!kept) return null;
    if (kept.snapshot !== (await currentSnapshot(tx))) {
      this.#drop(key, kept);
      return null;
    }
    // Most recently used last: Map keeps insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, kept);
    return kept.body;
  }

  keep(key: string, snapshot: string, body: string): void {
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    if (body.length > this.maxChars) return;
    this.#entries.set(key, { snapshot, body });
    this.#bytes += body.length;
    for (const [oldest, kept] of this.#entries) {
      if (this.#entries.size <= this.maxEntries && this.#bytes <= this.maxChars) break;
      this.#drop(oldest, kept);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  #drop(key: string, kept: Kept): void {
    this.#entries.delete(key);
    this.#bytes -= kept.body.length;
  }
}
