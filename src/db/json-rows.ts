import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { TenantTx } from './scope.ts';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Many rows in one INSERT … SELECT over a JSON array: one bind parameter instead of one per value, which at
 * thousands of rows a statement cost more than the insert itself on the embedded engine. The rows meet the same
 * policies, constraints and triggers as any INSERT. Values are mapped as Drizzle maps them; a missing value takes
 * the column's $defaultFn, and a column no row names takes its SQL default. A column only some rows name would be
 * NULL in the others rather than its default, so that is refused.
 */
export async function insertJsonRows<T extends PgTable>(
  tx: TenantTx,
  table: T,
  rows: T['$inferInsert'][],
): Promise<void> {
  if (!rows.length) return;
  const given = (row: T['$inferInsert'], key: string) => (row as Record<string, unknown>)[key];
  const columns = Object.entries(getTableColumns(table)).filter(
    ([key, c]) => c.defaultFn || rows.some((r) => given(r, key) !== undefined),
  );
  const values = rows.map((row) =>
    Object.fromEntries(
      columns.map(([key, c]) => {
        let v = given(row, key);
        if (v === undefined) {
          if (!c.defaultFn) throw new Error(`insertJsonRows: ${c.name} is given for some rows, not all`);
          v = c.defaultFn();
        }
        const driver = v === null ? null : c.mapToDriverValue(v);
        return [c.name, typeof driver === 'bigint' ? driver.toString() : driver];
      }),
    ),
  );
  const list = sql.raw(columns.map(([, c]) => quoted(c.name)).join(', '));
  await tx.execute(sql`insert into ${table} (${list}) select ${list}
    from json_populate_recordset(null::${sql.raw(quoted(getTableName(table)))}, ${JSON.stringify(values)}::json)`);
}
