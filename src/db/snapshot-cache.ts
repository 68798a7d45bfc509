import type { Database } from './client.ts';

interface Kept {
  version: string;
  body: Buffer;
}

/**
 * Replies kept with the data version (`Database.dataVersion`: PostgreSQL's snapshot, the embedded engine's count of
 * writes) taken just before they were read, and given again only while the version is the same: never an answer
 * older than the data. (A reply read after a commit that followed its version is kept under a version that can
 * never come back, so it is never given.) Any commit, of any writer, retires every entry at once, so the cache
 * helps where reads repeat between writes: many officers opening the same board. It holds at most `maxEntries`
 * replies and `maxBytes` bytes of them, dropping the least recently used.
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
  async reply(
    database: Pick<Database, 'dataVersion'>,
    key: string,
    read: () => Promise<Buffer>,
  ): Promise<Buffer> {
    const version = await database.dataVersion();
    const kept = this.#entries.get(key);
    if (kept) this.#drop(key, kept);
    if (kept?.version === version) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.set(key, kept);
      this.#bytes += kept.body.length;
      return kept.body;
    }
    const body = await read();
    this.#keep(key, version, body);
    return body;
  }

  get size(): number {
    return this.#entries.size;
  }

  #keep(key: string, version: string, body: Buffer): void {
    const old = this.#entries.get(key);
    if (old) this.#drop(key, old);
    if (body.length > this.maxBytes) return;
    this.#entries.set(key, { version, body });
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
