import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { DemoAlreadyLoadedError, type DemoCounts, loadDemo } from '../modules/demo/service.js';
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
    for (const line of describeDemoCounts(result.counts)) io.out(line);
    io.out('Logins:');
    for (const l of result.logins) io.out(`  ${l.role.padEnd(8)} ${l.email}`);
    io.out(`  password (all demo logins): ${result.owner.password}`);
    return 0;
  } finally {
    await db.close();
  }
}

/** "1 site", "3 sites"; `many` for the irregular ones ("people"). */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What the demo load wrote, in plain words.
 * @example describeDemoCounts(result.counts)[0] // 'Demo organization loaded: 5 sites, 6 departments, 30 people, 3 logins.'
 */
function describeDemoCounts(c: DemoCounts): string[] {
  const lines = [
    `Demo organization loaded: ${count(c.sites, 'site')}, ${count(c.departments, 'department')}, ` +
      `${count(c.people, 'person', 'people')}, ${count(c.users, 'login')}.`,
    `  Inventory: ${count(c.operations, 'business operation')}, ${count(c.systems, 'system')}, ` +
      `${count(c.components, 'component')}, ${count(c.suppliers, 'supplier')}, ` +
      `${count(c.edges, 'dependency', 'dependencies')} between them.`,
    `  BIA: ${count(c.damageEstimates, 'damage estimate')}; ` +
      (c.signoffs
        ? `signed off ${c.signoffs === 1 ? 'once' : `${c.signoffs} times`}, with ` +
          `${count(c.changesSinceSignoff, 'change')} since (shown against the signed edition).`
        : 'not signed off.'),
  ];
  if (c.diagnoses)
    lines.push(
      `  Tier diagnosis: ${count(c.diagnoses, 'result')} with ${count(c.tasks, 'task')}; ` +
        `management checklist: ${count(c.checklistDone, 'item')} done.`,
    );
  return lines;
}
