import { refreshNameSortKeys } from '../modules/companies/name-sort-keys.ts';
import { loadReferenceData } from '../modules/reference/load.ts';
import { type Database, type DatabaseOptions, openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

/** Opens the database ready for use: migrations applied and reference data current. */
export async function openReadyDatabase(options: DatabaseOptions): Promise<Database> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
    // After an upgrade that adds or changes the pinyin sort keys: about four minutes for 1,000,000 companies on the
    // embedded engine when every key is new, seconds when a few change.
    await refreshNameSortKeys(database.db, (checked, total, rewritten) => {
      if (checked === total || checked % 100_000 < 10_000)
        process.stderr.write(
          `lodestone: checked the pinyin sort keys of ${checked.toLocaleString('en')} of ${total.toLocaleString('en')} company names, rewrote ${rewritten.toLocaleString('en')}\n`,
        );
    });
    await loadReferenceData(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
