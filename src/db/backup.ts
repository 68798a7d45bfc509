import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { invalid } from '../domain/problem.ts';
import type { Database, Db } from './client.ts';

// The backup is gzip'd JSON Lines: a header, then per table a line naming it followed by one line per row as
// PostgreSQL's own to_jsonb text, and a trailer with the counts. Rows are never parsed in JavaScript, so
// bigints, numerics and timestamps cross engines exactly; the trailer proves the file is whole.

const format = 'lodestone-backup';
const formatVersion = 1;
const pageSize = 5000;

type Rows<T> = { rows: T[] };
async function query<T>(db: Db, statement: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(statement)) as unknown as Rows<T>).rows;
}

/**
 * Tables that hold data, parents before children. Reference tables are rebuilt from shipped files instead, and
 * roll-ups (rollup_*) are derived: their triggers rebuild them as the rows they count are restored.
 */
export async function dataTables(db: Db): Promise<string[]> {
  const tables = (
    await query<{ name: string }>(
      db,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'reference\\_%' and c.relname not like 'rollup\\_%'
          order by 1`,
    )
  ).map((r) => r.name);
  const edges = await query<{ child: string; parent: string }>(
    db,
    sql`select cc.relname as child, pc.relname as parent from pg_constraint k
        join pg_class cc on cc.oid = k.conrelid join pg_class pc on pc.oid = k.confrelid
        join pg_namespace n on n.oid = cc.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and cc.relname <> pc.relname`,
  );
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const e of edges) if (e.child === t && tables.includes(e.parent)) visit(e.parent);
    ordered.push(t);
  };
  for (const t of tables) visit(t);
  return ordered;
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

async function latestMigration(db: Db): Promise<string | null> {
  const rows = await query<{ hash: string }>(
    db,
    sql`select hash from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  return rows[0]?.hash ?? null;
}

export interface BackupSummary {
  file: string;
  tables: Record<string, number>;
  rows: number;
}

export async function backup(database: Database, file: string): Promise<BackupSummary> {
  const counts: Record<string, number> = {};
  const tmp = `${file}.partial`;
  const db = database.db;
  const gzip = zlib.createGzip();
  const written = pipeline(gzip, fs.createWriteStream(tmp));
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  try {
    // One snapshot for every table, so the backup is consistent even while the server writes.
    await db.transaction(
      async (tx) => {
        const tdb = tx as unknown as Db;
        const migration = await latestMigration(tdb);
        await write(
          JSON.stringify({
            format,
            version: formatVersion,
            createdAt: new Date().toISOString(),
            engine: database.engine,
            migration,
          }),
        );
        for (const table of await dataTables(tdb)) {
          await write(JSON.stringify({ table }));
          counts[table] = 0;
          let last = '(0,0)';
          for (;;) {
            const page = await query<{ ctid: string; row: string }>(
              tdb,
              // t.ctid: a bare "ctid" would name the text column of this select list, and text order puts
              // (1212,2) before (2,1), so pages would skip and repeat rows.
              sql`select t.ctid::text as ctid, to_jsonb(t)::text as row from ${ident(table)} t
                  where t.ctid > ${last}::tid order by t.ctid limit ${pageSize}`,
            );
            for (const r of page) await write(r.row);
            counts[table] += page.length;
            if (page.length < pageSize) break;
            last = page[page.length - 1]?.ctid ?? last;
          }
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    await write(JSON.stringify({ end: true, counts }));
    gzip.end();
    await written;
  } catch (err) {
    gzip.destroy();
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.renameSync(tmp, file);
  return { file, tables: counts, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

/**
 * Replaces all data with the backup's, in one transaction: a bad or truncated file changes nothing.
 * The target must already be migrated (it is, when opened through openReadyDatabase).
 */
export async function restore(database: Database, file: string): Promise<BackupSummary> {
  if (!fs.existsSync(file)) throw invalid(`no such file: ${file}`);
  const counts: Record<string, number> = {};
  const db = database.db;
  try {
    await db.transaction(async (tx) => {
      const tdb = tx as unknown as Db;
      const tables = await dataTables(tdb);
      let current: string | null = null;
      let columns = sql``;
      let batch: string[] = [];
      let sawHeader = false;
      let trailer: { counts: Record<string, number> } | null = null;
      const flush = async () => {
        if (!current || !batch.length) return;
        await tdb.execute(
          sql`insert into ${ident(current)} (${columns}) select ${columns} from jsonb_populate_recordset(null::${ident(current)}, ${`[${batch.join(',')}]`}::jsonb)`,
        );
        counts[current] = (counts[current] ?? 0) + batch.length;
        batch = [];
      };
      // Created only now: readline starts reading at once, and lines read before the loop attaches are lost.
      const input = readline.createInterface({
        input: fs.createReadStream(file).pipe(zlib.createGunzip()),
        crlfDelay: Number.POSITIVE_INFINITY,
      });
      for await (const line of input) {
        if (!line) continue;
        if (!sawHeader) {
          const header = JSON.parse(line) as { format?: string; version?: number };
          if (header.format !== format) throw invalid(`${file} is not a Lodestone backup`);
          if (header.version !== formatVersion)
            throw invalid(`backup format version ${header.version} is not supported`);
          sawHeader = true;
          const rollups = await query<{ name: string }>(
            tdb,
            sql`select tablename as name from pg_tables where schemaname = 'public' and tablename like 'rollup\\_%'`,
          );
          const cleared = [...tables, ...rollups.map((r) => r.name)];
          await tdb.execute(sql.raw(`truncate ${cleared.map((t) => `"${t}"`).join(', ')} cascade`));
          continue;
        }
        if (line.startsWith('{"table":')) {
          await flush();
          const name = (JSON.parse(line) as { table: string }).table;
          if (!tables.includes(name))
            throw invalid(`backup has table "${name}" which this version does not know`);
          current = name;
          // Generated columns (search keys) are computed again from the restored values; they take no input.
          const stored = await query<{ name: string }>(
            tdb,
            sql`select attname as name from pg_attribute where attrelid = ${name}::regclass and attnum > 0
                and not attisdropped and attgenerated = '' order by attnum`,
          );
          columns = sql.join(
            stored.map((c) => ident(c.name)),
            sql`, `,
          );
          counts[name] = 0;
          continue;
        }
        if (line.startsWith('{"end":true')) {
          await flush();
          trailer = JSON.parse(line) as { counts: Record<string, number> };
          continue;
        }
        batch.push(line);
        if (batch.length >= pageSize) await flush();
      }
      if (!sawHeader) throw invalid(`${file} is empty`);
      if (!trailer) throw invalid(`${file} is truncated: it has no end marker`);
      for (const [table, n] of Object.entries(trailer.counts)) {
        if ((counts[table] ?? 0) !== n)
          throw invalid(`${file} is damaged: ${table} has ${counts[table] ?? 0} rows, expected ${n}`);
      }
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'Z_DATA_ERROR' || err instanceof SyntaxError) {
      throw invalid(`${file} is not a readable Lodestone backup (${(err as Error).message})`);
    }
    throw err;
  }
  return { file, tables: counts, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}
