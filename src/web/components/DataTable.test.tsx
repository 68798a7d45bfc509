import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type Column, DataTable } from './DataTable.tsx';

type Row = { id: string; name: string; amount: number };
const rows: Row[] = [
  { id: 'a', name: 'Alpha', amount: 12 },
  { id: 'b', name: 'Beta', amount: 7 },
];
const columns: Column<Row>[] = [
  { header: 'Name', cell: (row) => <a href={`/rows/${row.id}`}>{row.name}</a> },
  { header: 'Amount', w: 90, align: 'right', text: (row) => row.amount },
];

const render = (node: ReactNode) => renderToStaticMarkup(<MantineProvider>{node}</MantineProvider>);
/** The text of each element with the tag, tags stripped, in order. */
const texts = (html: string, tag: string) =>
  [...html.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) =>
    m[1]?.replace(/<[^>]+>/g, ''),
  );

describe('DataTable', () => {
  it('puts the headers in one row and each record in a row of its own, column by column', () => {
    const html = render(<DataTable columns={columns} rows={rows} data-testid="things" />);
    expect(texts(html, 'th')).toEqual(['Name', 'Amount']);
    expect(texts(html, 'td')).toEqual(['Alpha', '12', 'Beta', '7']);
    expect(html).toContain('href="/rows/b"');
    expect(html).toContain('data-testid="things"');
  });

  it('shows a text column as small text and a cell column as the page renders it', () => {
    const html = render(<DataTable columns={columns} rows={rows.slice(0, 1)} />);
    const [name, amount] = [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]);
    expect(name).toBe('<a href="/rows/a">Alpha</a>');
    expect(amount).toMatch(/^<p [^>]*data-size="sm">12<\/p>$/);
    expect(html).toMatch(/<td style="text-align:right"/);
  });

  it('gives the rows their test ids and data attributes, and scrolls sideways only when given a width', () => {
    const plain = render(
      <DataTable
        columns={columns}
        rows={rows}
        rowTestId="row"
        rowProps={(row) => ({ 'data-row': row.id })}
      />,
    );
    expect(plain.match(/data-testid="row" data-row="(\w)"/g)).toEqual([
      'data-testid="row" data-row="a"',
      'data-testid="row" data-row="b"',
    ]);
    expect(plain).not.toContain('--table-min-width');
    expect(render(<DataTable columns={columns} rows={rows} minWidth={900} />)).toContain('--table-min-width');
  });

  it('keeps its headers over no rows, for a page that says "none" below them', () => {
    const html = render(<DataTable columns={columns} rows={[]} />);
    expect(texts(html, 'th')).toEqual(['Name', 'Amount']);
    expect(texts(html, 'td')).toEqual([]);
  });
});
