import path from 'node:path';
import { verifyAuditChains } from '../audit-trail/audit.js';
import type { AuditCheckpoint } from '../audit-trail/checkpoint.js';
import { sniffBackup } from '../backup/bundle.js';
import { BackupError } from '../backup/errors.js';
import { fileInfo, humanSize } from '../backup/file-info.js';
import { restorePg } from '../backup/pg.js';
import { checkRestored, type RestoreCheck, restoreBundle } from '../backup/restore.js';
import { restoreSqlite } from '../backup/sqlite.js';
import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { performBackup } from '../modules/backups/service.js';
import { CliError, type CliIO, describeDatabase, openConfiguredDb, sqliteFileOf } from './io.js';
import { type Translate, translator } from './messages.js';

/** A refused backup or restore, in the user's language. */
const asCliError =
  (t: Translate) =>
  (err: unknown): never => {
    if (err instanceof BackupError) throw new CliError(t(err.key, err.params));
    throw err;
  };

/**
 * `keizoku backup [--out FILE]`: one bundle (database + secret key + audit checkpoint + manifest),
 * encrypted when KEIZOKU_BACKUP_PASSPHRASE is set, copied to KEIZOKU_BACKUP_COPY_DIR when set,
 * then restored as a test.
 */
export async function backupCommand(
  config: Config,
  io: CliIO,
  opts: { out?: string | undefined },
): Promise<number> {
  const t = translator(io.env);
  const db = openConfiguredDb(config);
  try {
    // An unmigrated (new, empty) database is brought up to date first so the bundle restores.
    await migrateToLatest(db);
    const outcome = await performBackup(db, config, {
      trigger: 'cli',
      outFile: opts.out ? path.resolve(opts.out) : undefined,
    }).catch(asCliError(t));
    const bundle = outcome.bundle;
    if (!bundle) throw new CliError(t('backup.failed'));
    io.out(t('backup.written', { database: describeDatabase(config) }));
    io.out(t('backup.file', { file: bundle.file }));
    io.out(t('backup.size', { size: humanSize(bundle.bytes), bytes: bundle.bytes }));
    io.out(t('backup.sha', { sha256: bundle.sha256 }));
    io.out(t(bundle.encrypted ? 'backup.encryptedYes' : 'backup.encryptedNo'));
    io.out(t('backup.checkpoint', { file: bundle.checkpointFile }));
    if (outcome.run.copy_file) io.out(t('backup.copy', { file: outcome.run.copy_file }));
    if (outcome.copyError) io.out(t('backup.copyFailed', { detail: outcome.copyError }));
    io.out(t('backup.keepCheckpoint'));
    if (!outcome.verification?.ok) {
      throw new CliError(t('backup.verifyFailed', { detail: outcome.verification?.detail ?? '' }));
    }
    io.out(t('backup.verified', { detail: outcome.verification.detail }));
    return outcome.copyError ? 1 : 0;
  } finally {
    await db.close();
  }
}

function reportCheck(io: CliIO, t: Translate, check: RestoreCheck): void {
  io.out(
    check.auditBreaks === 0
      ? t('restore.auditOk', { count: check.auditChecked })
      : t('restore.auditBroken', { chains: check.auditBreaks }),
  );
  if (check.secret === 'decrypted') io.out(t('restore.secretOk'));
  if (check.secret === 'none') io.out(t('restore.secretNone'));
  const missing = check.checkpointFindings.reduce((n, f) => n + f.missing, 0);
  if (check.checkpointFindings.length) io.out(t('restore.checkpointMissing', { missing }));
}

/**
 * `keizoku restore FILE`: a bundle into an empty data directory or empty PostgreSQL database,
 * then proof that it works: the audit chains and one decrypted two-step secret. A bare database
 * file from an older keizoku is still accepted (without its key).
 */
export async function restoreCommand(config: Config, io: CliIO, file: string): Promise<number> {
  const t = translator(io.env);
  const source = path.resolve(file);
  const info = await fileInfo(source).catch(() => {
    throw new CliError(t('restore.unreadable', { file: source }));
  });
  io.out(t('restore.restoring', { file: info.path, size: humanSize(info.bytes), sha256: info.sha256 }));
  io.out(t('restore.into', { database: describeDatabase(config) }));
  const kind = sniffBackup(source);
  let key: Buffer | null = null;
  let checkpoint: AuditCheckpoint | null = null;
  if (kind === 'other') {
    io.out(t('restore.legacy'));
    if (config.databaseUrl) {
      const db = openConfiguredDb(config);
      try {
        await restorePg(db, config.databaseUrl, source).catch(asCliError(t));
      } finally {
        await db.close();
      }
    } else {
      const facts = (() => {
        try {
          return restoreSqlite(source, sqliteFileOf(config));
        } catch (err) {
          return asCliError(t)(err);
        }
      })();
      io.out(
        t('restore.sqliteFacts', {
          organizations: facts.organizations,
          users: facts.users,
          entries: facts.auditEntries,
        }),
      );
    }
  } else {
    const restored = await restoreBundle(
      { dataDir: config.dataDir, databaseUrl: config.databaseUrl },
      source,
      config.backup.passphrase,
    ).catch(asCliError(t));
    const m = restored.manifest;
    io.out(
      t('restore.bundleFacts', {
        engine: m.engine === 'pg' ? 'PostgreSQL' : 'SQLite',
        createdAt: m.createdAt,
        version: m.keizokuVersion,
      }),
    );
    if (restored.sqliteFacts) {
      const f = restored.sqliteFacts;
      io.out(
        t('restore.sqliteFacts', { organizations: f.organizations, users: f.users, entries: f.auditEntries }),
      );
    }
    key = restored.key;
    checkpoint = restored.checkpoint;
    const envKey = io.env.KEIZOKU_SECRET_KEY;
    if (envKey && !Buffer.from(envKey, 'base64').equals(key)) io.out(t('restore.envKeyDiffers'));
  }
  // A backup from an older version is brought up to date, then proves it works.
  const db = openConfiguredDb(config);
  try {
    const ran = await migrateToLatest(db);
    if (ran.length) io.out(t('restore.migrations', { names: ran.join(', ') }));
    if (key) {
      const check = await checkRestored(db.kysely, key, checkpoint);
      reportCheck(io, t, check);
      if (check.secret === 'unreadable') throw new CliError(t('restore.secretBad'));
    } else {
      const { checked, breaks } = await verifyAuditChains(db.kysely);
      io.out(
        breaks.length === 0
          ? t('restore.auditOk', { count: checked })
          : t('restore.auditBroken', { chains: breaks.length }),
      );
    }
  } finally {
    await db.close();
  }
  io.out(t('restore.done'));
  return 0;
}
