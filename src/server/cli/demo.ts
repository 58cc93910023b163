import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { DemoAlreadyLoadedError, loadDemo } from '../modules/demo/service.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';

/** `keizoku demo`: load the demo organization (once). */
export async function demoCommand(config: Config, io: CliIO): Promise<number> {
  const db = openConfiguredDb(config);
  try {
    await migrateToLatest(db);
    const result = await loadDemo(db).catch((err: unknown) => {
      if (err instanceof DemoAlreadyLoadedError) {
        throw new CliError('The demo organization is already loaded (its logins exist); nothing changed.');
      }
      throw err;
    });
    io.out(
      `Demo organization loaded: ${result.counts.sites} sites, ${result.counts.departments} departments, ` +
        `${result.counts.people} people, ${result.counts.users} logins.`,
    );
    for (const l of result.logins) io.out(`  ${l.role.padEnd(8)} ${l.email}`);
    io.out(`  password (all demo logins): ${result.owner.password}`);
    return 0;
  } finally {
    await db.close();
  }
}
