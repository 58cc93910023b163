import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { type CliIO, describeDatabase, openConfiguredDb } from './io.js';

/** `keizoku migrate`: bring the schema up to date and say what ran. */
export async function migrateCommand(config: Config, io: CliIO): Promise<number> {
  const db = openConfiguredDb(config);
  try {
    const ran = await migrateToLatest(db);
    io.out(`Database: ${describeDatabase(config)}`);
    if (ran.length === 0) io.out('Already up to date; no migration ran.');
    else for (const name of ran) io.out(`Applied ${name}`);
    return 0;
  } finally {
    await db.close();
  }
}
