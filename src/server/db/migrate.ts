import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001-foundation.js';
import * as m0002 from './migrations/0002-auth-mfa.js';
import * as m0003 from './migrations/0003-import-payload.js';
import * as m0004 from './migrations/0004-inventory.js';
import * as m0005 from './migrations/0005-backup-runs.js';
import * as m0006 from './migrations/0006-annual-sales.js';
import * as m0007 from './migrations/0007-password-resets.js';
import * as m0008 from './migrations/0008-backup-plan.js';
import * as m0009 from './migrations/0009-plan-policy.js';
import * as m0010 from './migrations/0010-recovery-plan.js';
import * as m0011 from './migrations/0011-plan-editions.js';
import * as m0013 from './migrations/0013-incidents.js';
import * as m0014 from './migrations/0014-outbound-messages.js';
import * as m0015 from './migrations/0015-safety.js';
import * as m0016 from './migrations/0016-assessments.js';
import * as m0017 from './migrations/0017-live-and-quake.js';
import * as m0018 from './migrations/0018-safety-answers-lean.js';

/** Migrations are listed here in order; the key is the name recorded in the database. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-auth-mfa': m0002,
  '0003-import-payload': m0003,
  '0004-inventory': m0004,
  '0005-backup-runs': m0005,
  '0006-annual-sales': m0006,
  '0007-password-resets': m0007,
  '0008-backup-plan': m0008,
  '0009-plan-policy': m0009,
  '0010-recovery-plan': m0010,
  '0011-plan-editions': m0011,
  '0013-incidents': m0013,
  '0014-outbound-messages': m0014,
  '0015-safety': m0015,
  '0016-assessments': m0016,
  '0017-live-and-quake': m0017,
  '0018-safety-answers-lean': m0018,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
