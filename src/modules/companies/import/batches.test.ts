import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { isCompanyHeader, mapHeaders } from '../../../domain/company-fields.ts';
import type { RowContext } from '../../../domain/company-row.ts';
import { makeCreditCode } from '../../../domain/credit-code.ts';
import { validatedBatches } from './batches.ts';
import { openTable } from './reader.ts';

const ctx: RowContext = {
  towns: new Map([['安亭镇', '310114103']]),
  industries: new Map(),
  industryNames: new Map(),
};
const code = (n: number) => makeCreditCode('91310114', `MA9B${String(n).padStart(4, '0')}`);

async function rejectsOf(text: string) {
  const table = await openTable(
    { buffer: iconv.encode(text, 'gb18030') },
    { isKnownHeader: isCompanyHeader },
  );
  const mapping = mapHeaders(table.headers, {}, table.preamble);
  const accepted: number[] = [];
  const rejects: { line: number; reason: string }[] = [];
  for await (const batch of validatedBatches(table, mapping, ctx, 100)) {
    accepted.push(...batch.lines);
    rejects.push(...batch.rejects.map(({ line, reason }) => ({ line, reason })));
  }
  return { accepted, rejects };
}

describe('rows whose cells do not line up with the header', () => {
  it('refuses a CSV row with a filled cell past the header, and takes trailing empty cells as nothing', async () => {
    const lines = [
      '企业名称,统一社会信用代码,注册地址,法定代表人,所属街镇',
      // An address with an unquoted comma: its second half lands under 法定代表人, the name under 所属街镇 and the
      // town past the header. A row padded with empty cells (Excel pads every row to the widest) is a company.
      `上海甲科技有限公司,${code(1)},上海市嘉定区安亭镇墨玉路1号,2幢,张伟,安亭镇`,
      // Without a representative, the same shift would pass every check: 2幢 taken for the representative, no town.
      `上海戊科技有限公司,${code(5)},上海市嘉定区安亭镇墨玉路5号,2幢,,安亭镇`,
      `上海丙科技有限公司,${code(3)},上海市嘉定区安亭镇墨玉路3号,张伟,安亭镇,,,`,
      `上海丁科技有限公司,${code(4)},上海市嘉定区安亭镇墨玉路4号,张伟`,
    ];
    const { accepted, rejects } = await rejectsOf(`${lines.join('\r\n')}\r\n`);
    expect(accepted).toEqual([4, 5]);
    expect(rejects).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(/^the row has 6 cells where the header has 5 columns: .*unquoted/),
      },
      { line: 3, reason: expect.stringMatching(/^the row has 6 cells where the header has 5 columns/) },
    ]);
  });
});
