import path from 'node:path';
import { verifyAuditChains } from '../audit/audit.js';
import { BackupError } from '../backup/errors.js';
import { backupStamp, fileInfo, humanSize } from '../backup/file-info.js';
import { backupPg, restorePg } from '../backup/pg.js';
import { backupSqlite, restoreSqlite } from '../backup/sqlite.js';
import type { Config } from '../config.js';
import { openDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { CliError, type CliIO, describeDatabase, openConfiguredDb, sqliteFileOf } from './io.js';

const asCliError = (err: unknown): never => {
  if (err instanceof BackupError) throw new CliError(err.message);
  throw err;
};

/** `keizoku backup [--out FILE]`: SQLite online backup, or a pg_dump custom archive. */
export async function backupCommand(
  config: Config,
  io: CliIO,
  opts: { out?: string | undefined },
): Promise<number> {
  const ext = config.databaseUrl ? 'dump' : 'sqlite';
  const out = path.resolve(opts.out ?? path.join(config.dataDir, 'backups', `${backupStamp()}.${ext}`));
  if (config.databaseUrl) {
    await backupPg(config.databaseUrl, out).catch(asCliError);
  } else {
    const db = openDb({ sqlitePath: sqliteFileOf(config) });
    try {
      // An unmigrated (new, empty) file is not worth backing up and would not restore.
      await migrateToLatest(db);
      await backupSqlite(db, out).catch(asCliError);
    } finally {
      await db.close();
    }
  }
  const info = await fileInfo(out);
  io.out(`Backup of ${describeDatabase(config)} written:`);
  io.out(`  file:    ${info.path}`);
  io.out(`  size:    ${humanSize(info.bytes)} (${info.bytes} bytes)`);
  io.out(`  sha-256: ${info.sha256}`);
  return 0;
}

/** `keizoku restore FILE`: only into an empty data directory or an empty PostgreSQL database. */
export async function restoreCommand(config: Config, io: CliIO, file: string): Promise<number> {
  const source = path.resolve(file);
  const info = await fileInfo(source).catch(() => {
    throw new CliError(`${source} does not exist or cannot be read`);
  });
  io.out(`Restoring ${info.path} (${humanSize(info.bytes)}, sha-256 ${info.sha256})`);
  io.out(`  into ${describeDatabase(config)}`);
  if (config.databaseUrl) {
    const db = openConfiguredDb(config);
    try {
      await restorePg(db, config.databaseUrl, source).catch(asCliError);
    } finally {
      await db.close();
    }
  } else {
    const facts = (() => {
      try {
        return restoreSqlite(source, sqliteFileOf(config));
      } catch (err) {
        return asCliError(err);
      }
    })();
    io.out(
      `  ${facts.organizations} organizations, ${facts.users} users, ${facts.auditEntries} audit entries`,
    );
  }
  // A backup from an older version is brought up to date, and its audit trail checked.
  const db = openConfiguredDb(config);
  try {
    const ran = await migrateToLatest(db);
    if (ran.length) io.out(`  migrations applied after restore: ${ran.join(', ')}`);
    const { checked, breaks } = await verifyAuditChains(db.kysely);
    io.out(
      breaks.length === 0
        ? `  audit trail verified: OK, ${checked} entries`
        : `  WARNING: the restored audit trail has ${breaks.length} broken chain(s); run \`keizoku audit verify\``,
    );
  } finally {
    await db.close();
  }
  io.out('Restore complete.');
  return 0;
}
