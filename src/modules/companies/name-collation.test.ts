import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../db/bootstrap.ts';
import type { Database } from '../../db/client.ts';
import { inTenant } from '../../db/scope.ts';
import { makeCreditCode } from '../../domain/credit-code.ts';
import { nameSortKey } from '../../domain/name-order.ts';
import { withDatabaseName } from '../../test/databases.ts';
import { createTenant } from '../tenants/service.ts';
import { listCompanies } from './search.ts';
import { createCompany } from './service.ts';

const admin = process.env.DATABASE_URL_TEST;
const operator = { email: 'collation@test', userId: null };

/**
 * Servers are often initialised with a language's collation (en_US.UTF-8). Names must still come in the keys' byte
 * order there, whether the page is read from the registry or gathered through the search function.
 */
describe.runIf(admin)('name order on a PostgreSQL database whose default collation is English', () => {
  const name = `lodestone_test_${randomBytes(6).toString('hex')}`;
  let database: Database;
  let tenantId: string;
  // 'é' sorts among the e's in English and after every pinyin letter byte for byte: the two orders differ here.
  const names = [
    'Éclat澪汀有限公司',
    '澪汀科技有限公司',
    '安亭澪汀有限公司',
    'Fanuc澪汀有限公司',
    '3M澪汀有限公司',
  ];

  beforeAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name} locale_provider icu icu_locale 'en-US' template template0`);
    await client.end();
    database = await openReadyDatabase({ url: withDatabaseName(admin as string, name) });
    tenantId = (
      await createTenant(database.db, { slug: 'coll', nameZh: '嘉定区', divisionCode: '310114' }, operator)
    ).id;
    for (const [i, nameZh] of names.entries()) {
      await inTenant(database.db, tenantId, (tx) =>
        createCompany(
          tx,
          { tenantId, ...operator },
          { creditCode: makeCreditCode('91310114', `CL${i}00000`), nameZh },
        ),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });

  const byKey = [...names].sort((a, b) =>
    Buffer.compare(Buffer.from(nameSortKey(a)), Buffer.from(nameSortKey(b))),
  );

  it.each([
    ['searched', '澪汀'],
    ['listed', undefined],
  ])('keeps byte order of the keys when %s', async (_, q) => {
    for (const order of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await inTenant(database.db, tenantId, (tx) =>
          listCompanies(tx, { q, sort: 'name', order, limit: 2, cursor }),
        );
        seen.push(...page.items.map((c) => c.nameZh));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(order === 'asc' ? byKey : [...byKey].reverse());
    }
  });
});
