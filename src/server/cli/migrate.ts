import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { type CliIO, describeDatabase, openConfiguredDb } from './io.js';
import { translator } from './messages.js';

/** `keizoku migrate`: bring the schema up to date and say what ran. */
export async function migrateCommand(config: Config, io: CliIO): Promise<number> {
  const t = translator(io.env);
  const db = openConfiguredDb(config);
  try {
    const ran = await migrateToLatest(db);
    io.out(t('migrate.database', { database: describeDatabase(config) }));
    if (ran.length === 0) io.out(t('migrate.upToDate'));
    else for (const name of ran) io.out(t('migrate.applied', { name }));
    return 0;
  } finally {
    await db.close();
  }
}
