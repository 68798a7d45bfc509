import { type Column, getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
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

/**
 * A row as one JSON object keyed by the columns' property names (bigint as text, so no precision is lost), for
 * statements that return a page as one JSON value: on the embedded engine, reading back each value of each row
 * through the wire protocol cost more than the statement that found the page.
 */
export function jsonRowSql(columns: Record<string, Column>): SQL {
  const pairs = Object.entries(columns).map(([key, column]) => {
    if (!/^\w+$/.test(key)) throw new Error(`jsonRowSql: ${key} is not a plain property name`);
    const value = column.columnType === 'PgBigInt64' ? sql`${column}::text` : sql`${column}`;
    return sql`${sql.raw(`'${key}'`)}, ${value}`;
  });
  return sql`json_build_object(${sql.join(pairs, sql`, `)})`;
}

/** Rows read by jsonRowSql, each value mapped as Drizzle maps it when it reads the column itself. */
export function rowsFromJson<T>(
  columns: Record<string, Column>,
  rows: Record<string, unknown>[] | null,
): T[] {
  const entries = Object.entries(columns);
  return (rows ?? []).map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, column] of entries) {
      const value = row[key];
      out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return out as T;
  });
}
