import { fillNameSortKeys } from '../modules/companies/name-sort-keys.ts';
import { loadReferenceData } from '../modules/reference/load.ts';
import { type Database, type DatabaseOptions, openDatabase } from './client.ts';
import { migrate } from './migrate.ts';

/** Opens the database ready for use: migrations applied and reference data current. */
export async function openReadyDatabase(options: DatabaseOptions): Promise<Database> {
  const database = await openDatabase(options);
  try {
    await migrate(database);
    await fillNameSortKeys(database.db);
    await loadReferenceData(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
