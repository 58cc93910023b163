import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { DemoAlreadyLoadedError, type DemoCounts, loadDemo } from '../modules/demo/service.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';
import { type Translate, translator } from './messages.js';

/** `keizoku demo`: load the demo organization (once). */
export async function demoCommand(config: Config, io: CliIO): Promise<number> {
  const t = translator(io.env);
  const db = openConfiguredDb(config);
  try {
    await migrateToLatest(db);
    const result = await loadDemo(db).catch((err: unknown) => {
      if (err instanceof DemoAlreadyLoadedError) {
        throw new CliError(t('demo.already'));
      }
      throw err;
    });
    for (const line of describeDemoCounts(t, result.counts)) io.out(line);
    io.out(t('demo.logins'));
    for (const l of result.logins) io.out(t('demo.login', { role: l.role, email: l.email }));
    io.out(t('demo.password', { password: result.owner.password }));
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * What the demo load wrote, in plain sentences.
 * @example describeDemoCounts(t, result.counts)[0] // 'The demo organization was loaded with 5 site(s), …'
 */
function describeDemoCounts(t: Translate, c: DemoCounts): string[] {
  const lines = [
    t('demo.loaded', { sites: c.sites, departments: c.departments, people: c.people, users: c.users }),
    t('demo.inventory', {
      operations: c.operations,
      systems: c.systems,
      components: c.components,
      suppliers: c.suppliers,
      edges: c.edges,
    }),
    c.signoffs
      ? t('demo.biaSigned', {
          estimates: c.damageEstimates,
          signoffs: c.signoffs,
          changes: c.changesSinceSignoff,
        })
      : t('demo.biaUnsigned', { estimates: c.damageEstimates }),
  ];
  if (c.diagnoses)
    lines.push(t('demo.diagnosis', { results: c.diagnoses, tasks: c.tasks, done: c.checklistDone }));
  return lines;
}
