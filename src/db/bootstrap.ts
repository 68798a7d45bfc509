import { fillNameSortKeys } from '../modules/companies/name-sort-keys.ts';
import { loadReferenceData } from '../modules/reference/load.ts';
import { type Database, type DatabaseOptions, openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

/** Opens the database ready for use: migrations applied and reference data current. */
export async function openReadyDatabase(options: DatabaseOptions): Promise<Database> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
    // Once, after the upgrade that added the keys: about four minutes for 1,000,000 companies on the embedded engine.
    await fillNameSortKeys(database.db, (done, total) => {
      if (done === total || done % 100_000 < 10_000)
        process.stderr.write(
          `lodestone: pinyin sort keys for ${done.toLocaleString('en')} of ${total.toLocaleString('en')} company names\n`,
        );
    });
    await loadReferenceData(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
