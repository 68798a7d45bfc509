import { Table, type TableProps, type TableTrProps, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One column of a list table: a translated header, a fixed width unless it takes the rest, and what a row shows in
 * it: `text` for a plain value in the lists' small text, `cell` for anything else (links, badges, money).
 */
export type Column<T> = {
  /** Translated, and unique within its table: it keys the column. */
  header: string;
  w?: number;
  /** Figures line up on the right, header and cells alike. */
  align?: 'right';
} & ({ text: (row: T) => ReactNode; cell?: never } | { cell: (row: T) => ReactNode; text?: never });

/** What a row carries besides its cells and test id: data attributes the browser tests read, a click. */
export type RowProps = TableTrProps & { [data: `data-${string}`]: string | undefined };

/**
 * The table of a list page, built from its columns: one header row, one body row a record. With minWidth it
 * scrolls sideways on a narrow screen rather than squeezing its columns. The loading, empty and paging states
 * stay with the page (most wrap this in InfiniteList), since the pages differ there.
 */
export function DataTable<T extends { id: string }>({
  columns,
  rows,
  rowTestId,
  rowProps,
  minWidth,
  ...table
}: {
  columns: Column<T>[];
  rows: T[];
  /** The test id every body row carries, for the browser tests. */
  rowTestId?: string;
  rowProps?: (row: T) => RowProps;
  minWidth?: number;
} & Omit<TableProps, 'data' | 'children'>) {
  const body = (
    <Table highlightOnHover verticalSpacing={6} {...table}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.header} w={column.w} ta={column.align}>
              {column.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id} data-testid={rowTestId} {...rowProps?.(row)}>
            {columns.map((column) => (
              <Table.Td key={column.header} ta={column.align}>
                {column.text ? <Text size="sm">{column.text(row)}</Text> : column.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return minWidth ? <Table.ScrollContainer minWidth={minWidth}>{body}</Table.ScrollContainer> : body;
}
