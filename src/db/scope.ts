import { sql } from 'drizzle-orm';
import type { Db } from './client.ts';

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

declare const tenantScoped: unique symbol;
/**
 * A transaction running as the lodestone_app role with the tenant set: row-level security then limits every
 * statement in it to that tenant. Services that touch tenant data take this type, so they cannot be handed the
 * unscoped handle by mistake.
 */
export type TenantTx = Transaction & { readonly [tenantScoped]: true };

export async function inTenant<T>(db: Db, tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', 'lodestone_app', true), set_config('app.tenant_id', ${tenantId}, true)`,
    );
    return work(tx as TenantTx);
  });
}
