import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { makeCreditCode } from '../../domain/credit-code.ts';
import { companyNameKey } from '../../domain/normalise.ts';
import { nameGrams } from '../../domain/search-grams.ts';
import { demoApp, signIn } from '../../test/app.ts';
import { freshDatabase, testEngines } from '../../test/databases.ts';
import { comparedText, namePairs } from './similar-names.ts';

// Registry-style pairs that decided the threshold (similarity of the normalised names in brackets).
const flagged: [string, string][] = [
  ['上海嘉定汽车零部件有限公司', '上海嘉定汽车零部件制造有限公司'], // a word added (0.69)
  ['上海骏澄精密模具有限公司', '上海骏澄精密模具(集团)有限公司'], // (集团) added (0.67)
  ['上海安亭新能源汽车零部件有限公司', '上海安亭新能源汽车零配件有限公司'], // a typo in a long name (0.63)
];
const notFlagged: [string, string][] = [
  ['上海徐行汽车零部件有限公司', '上海徐行生物医药科技有限公司'], // only the place in common (0.24)
  ['上海马陆汽车零部件有限公司', '上海马陆汽车电子有限公司'], // same place, another trade (0.46)
  ['上海鹏程物流有限公司', '上海鹏达物流有限公司'], // two firms a character apart (0.40)
  ['上海澜湾氢能科技有限公司', '上海澜湾氢能技术有限公司'], // 科技/技术 in a short name (0.50): related, not the same
];

// Names whose key and search grams differ at the end: the pairs compared must all be in the grams, which find them.
const awkward = [
  '上海骏澄集团公司',
  '上海骏澄集团有限公司',
  '上海骏澄精密模具有限公司嘉定分公司',
  '上海骏澄分公司',
  '有限公司',
  '股份公司',
  '上海ＡＢＣ骏澄（中国）投资有限公司',
  'Shanghai 骏澄 Trading Co., Ltd.',
  '上海骏澄特殊普通合伙',
  '骏澄(有限合伙)',
];

describe('the pairs compared', () => {
  it.each(awkward)('are all among the search grams of %s', (name) => {
    const grams = new Set(nameGrams(name, null));
    expect(namePairs(companyNameKey(name)).filter((p) => !grams.has(p))).toEqual([]);
  });

  it('leave out a trailing 集团 or 分公司 and Latin letters', () => {
    expect(namePairs(companyNameKey('上海骏澄集团公司'))).toEqual(['上海', '海骏', '骏澄']);
    expect(namePairs(companyNameKey('上海骏澄嘉定分公司'))).toEqual(['上海', '海骏', '骏澄', '澄嘉', '嘉定']);
    expect(namePairs('abc骏澄')).toEqual(['骏澄']);
  });
});

describe.each(testEngines())('very similar names on %s', (engine) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof demoApp>>;
  let officer: string;
  let serial = 0;

  beforeAll(async () => {
    database = await freshDatabase(engine);
    app = await demoApp(database);
    officer = await signIn(app, 'officer@jiading.demo');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function create(nameZh: string): Promise<string> {
    serial += 1;
    const creditCode = makeCreditCode('91310114', `MB${String(serial).padStart(6, '0')}`);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/companies',
      headers: { cookie: officer },
      payload: { creditCode, nameZh },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  const profile = async (id: string) =>
    (
      await app.inject({ method: 'GET', url: `/api/v1/companies/${id}`, headers: { cookie: officer } })
    ).json();

  async function listed(name: string) {
    const q = encodeURIComponent(name.replace(/有限公司$/, ''));
    const page = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/companies?q=${q}&limit=200`,
        headers: { cookie: officer },
      })
    ).json();
    return page.items.find((c: { nameZh: string }) => c.nameZh === name);
  }

  it.each(flagged)('flags %s and %s on both profiles and in lists', async (a, b) => {
    const [idA, idB] = [await create(a), await create(b)];
    const ofA = await profile(idA);
    expect(ofA.similarNames.map((s: { id: string }) => s.id)).toContain(idB);
    expect(ofA.likelyDuplicates).toEqual([]);
    expect((await profile(idB)).similarNames.map((s: { id: string }) => s.id)).toContain(idA);
    expect((await listed(a)).similarName).toBe(true);
    expect((await listed(b)).similarName).toBe(true);
  });

  it.each(notFlagged)('does not flag %s and %s', async (a, b) => {
    const [idA, idB] = [await create(a), await create(b)];
    expect((await profile(idA)).similarNames.map((s: { id: string }) => s.id)).not.toContain(idB);
    expect((await profile(idB)).similarNames.map((s: { id: string }) => s.id)).not.toContain(idA);
  });

  it('compares the same part of a name in SQL as in the code', async () => {
    const keys = awkward.map(companyNameKey);
    const { rows } = (await database.db.execute(
      sql`select lodestone_company_name_compared(k) as text from unnest(${`{${keys.map((k) => `"${k}"`).join(',')}}`}::text[]) with ordinality as u(k, i) order by i`,
    )) as unknown as { rows: { text: string }[] };
    expect(rows.map((r) => r.text)).toEqual(keys.map(comparedText));
  });

  it('keeps an identical normalised name among the duplicates, not the similar names', async () => {
    const a = await create('上海澄迈测距仪器有限公司');
    const b = await create('上海 澄迈测距仪器 股份有限公司');
    const ofA = await profile(a);
    expect(ofA.likelyDuplicates.map((d: { id: string }) => d.id)).toEqual([b]);
    expect(ofA.similarNames.map((s: { id: string }) => s.id)).not.toContain(b);
  });

  // Rule (2) of similar-names.ts: once many firms use a place and trade, names alike only through those words are no
  // longer flagged, while names sharing a word of their own still are.
  it('stops flagging names alike only through words many firms use', async () => {
    const [a, b] = ['上海外冈汽车电子有限公司', '上海外冈汽车电子设备有限公司']; // similarity 0.67
    const [idA, idB] = [await create(a), await create(b)];
    const similarTo = async (id: string) =>
      (await profile(id)).similarNames.map((s: { id: string }) => s.id) as string[];
    expect(await similarTo(idA)).toContain(idB);

    const [c, d] = ['上海外冈汽车电子骏澄有限公司', '上海外冈汽车电子骏澄设备有限公司'];
    const [idC, idD] = [await create(c), await create(d)];
    const fillers: string[] = [];
    for (const first of '甲乙丙丁戊己') {
      for (const second of '东南西北春夏秋冬金木')
        fillers.push(await create(`上海外冈汽车电子${first}${second}有限公司`));
    }
    await database.db.execute(sql`analyze companies`);

    expect(await similarTo(idA)).toEqual([]); // every pair of 上海外冈汽车电子 is now in 60 other names
    expect(await similarTo(idB)).not.toContain(idA);
    expect(await similarTo(fillers[0] as string)).not.toContain(idA);
    expect((await listed(a)).similarName).toBe(false);
    expect(await similarTo(idC)).toContain(idD); // 骏澄 and 子骏 are theirs alone
    expect(await similarTo(idD)).toContain(idC);
    expect((await listed(c)).similarName).toBe(true);
    expect((await listed(d)).similarName).toBe(true);
  });
});
