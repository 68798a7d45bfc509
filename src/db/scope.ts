import { sql } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres/session';
import pg from 'pg';
import { type Database, type Db, uuid } from './client.ts';

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

declare const tenantScoped: unique symbol;
/**
 * A transaction running as the lodestone_app role with the tenant set: row-level security then limits every
 * statement in it to that tenant. Services that touch tenant data take this type, so they cannot be handed the
 * unscoped handle by mistake.
 */
export type TenantTx = Transaction & { readonly [tenantScoped]: true };

export async function inTenant<T>(db: Db, tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  if (isPostgresPool(db)) return inTenantOnPostgres(db, tenantId, work);
  return inTenantTransaction(db, tenantId, false, work);
}

function inTenantTransaction<T>(
  db: Db,
  tenantId: string,
  readOnly: boolean,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'lodestone_app', true), set_config('app.tenant_id', ${tenantId}, true), set_config('transaction_read_only', ${readOnly ? 'on' : 'off'}, true)`,
    );
    return work(tx as TenantTx);
  });
}

/**
 * Work that only reads, in a tenant's scope. On PostgreSQL each statement runs alone on a connection opened for the
 * tenant (role, tenant and read-only set when it connected): a list request is then one round trip instead of
 * BEGIN, the statement and COMMIT, and a write attempted by mistake fails. Statements of one call may see
 * different moments of the data, as separate requests would. The embedded engine has one session: a read-only
 * transaction.
 */
export function readInTenant<T>(
  database: Database,
  tenantId: string,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  if (database.tenantReader) return work(database.tenantReader(tenantId) as unknown as TenantTx);
  return inTenantTransaction(database.readOnlyDb ?? database.db, tenantId, true, work);
}

interface PgSessionParts {
  client: pg.Pool;
  dialect: ConstructorParameters<typeof NodePgSession>[1];
  schema: ConstructorParameters<typeof NodePgSession>[2];
  options: ConstructorParameters<typeof NodePgSession>[3];
}

function isPostgresPool(db: Db): boolean {
  const session = (db as unknown as { session: unknown }).session;
  return session instanceof NodePgSession && (session as unknown as PgSessionParts).client instanceof pg.Pool;
}

/**
 * Drizzle's own transaction, as `NodePgSession.transaction` writes it, but with BEGIN and the tenant settings sent
 * as one message: under load every round trip to the server waits to be scheduled again, and a list request is
 * only four of them. The tenant id is checked to be a uuid before it is written into the statement.
 */
async function inTenantOnPostgres<T>(
  db: Db,
  tenantId: string,
  work: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  if (!uuid.test(tenantId)) throw new Error(`tenant id ${tenantId} is not a uuid`);
  const parts = (db as unknown as { session: PgSessionParts }).session;
  const client = await parts.client.connect();
  try {
    const session = new NodePgSession(client, parts.dialect, parts.schema, parts.options);
    const tx = new NodePgTransaction(parts.dialect, session, parts.schema) as unknown as TenantTx;
    await client.query(
      `begin; select set_config('role', 'lodestone_app', true), set_config('app.tenant_id', '${tenantId}', true)`,
    );
    try {
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  } finally {
    client.release();
  }
}
