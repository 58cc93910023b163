import path from 'node:path';
import { verifyAuditChains } from '../audit/audit.js';
import type { AuditCheckpoint } from '../audit/checkpoint.js';
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

/** Every line `keizoku backup` and `keizoku restore` print, in one place (to be translated later). */
const MSG = {
  written: (db: string) => `Backup of ${db} written:`,
  file: (f: string) => `  file:       ${f}`,
  size: (bytes: number) => `  size:       ${humanSize(bytes)} (${bytes} bytes)`,
  sha: (s: string) => `  sha-256:    ${s}`,
  encrypted: (yes: boolean) =>
    yes
      ? '  encrypted:  yes, with the passphrase in KEIZOKU_BACKUP_PASSPHRASE'
      : '  encrypted:  no (set KEIZOKU_BACKUP_PASSPHRASE to encrypt backups)',
  checkpoint: (f: string) => `  checkpoint: ${f}`,
  copy: (f: string) => `  copy:       ${f}`,
  copyFailed: (why: string) => `  WARNING: ${why}`,
  verified: (detail: string) => `  ${detail} The backup restores.`,
  verifyFailed: (detail: string) =>
    `The backup was written, but a test restore of it failed: ${detail} Do not rely on this backup.`,
  keepCheckpoint:
    '  Keep the checkpoint file apart from the server: `keizoku audit verify --checkpoint FILE` then shows whether audit entries were deleted since.',
  restoring: (file: string, bytes: number, sha: string) =>
    `Restoring ${file} (${humanSize(bytes)}, sha-256 ${sha})`,
  into: (db: string) => `  into ${db}`,
  bundleFacts: (engine: string, createdAt: string, version: string) =>
    `  backup of ${engine === 'pg' ? 'PostgreSQL' : 'SQLite'} made ${createdAt} by keizoku ${version}`,
  sqliteFacts: (o: number, u: number, a: number) => `  ${o} organizations, ${u} users, ${a} audit entries`,
  legacy:
    '  This is a database file from an older keizoku, without its secret key: two-step login secrets will not decrypt; users log in with a recovery code or an admin turns two-step login off.',
  migrations: (names: string[]) => `  migrations applied after restore: ${names.join(', ')}`,
  auditOk: (n: number) => `  audit trail verified: OK, ${n} entries`,
  auditBroken: (n: number) =>
    `  WARNING: the restored audit trail has ${n} broken chain(s); run \`keizoku audit verify\`.`,
  secretOk: '  two-step login secret decrypted with the restored key: OK',
  secretNone: '  no user has two-step login, so there was no secret to decrypt',
  secretBad:
    'The restored key does not decrypt the two-step login secrets: users with two-step login must use a recovery code.',
  envKeyDiffers:
    '  WARNING: KEIZOKU_SECRET_KEY is set and differs from the key in the backup; unset it, or two-step login secrets will not decrypt.',
  checkpointMissing: (n: number) =>
    `  WARNING: ${n} audit entries that the backup's checkpoint saw are missing from the restored database.`,
  done: 'Restore complete.',
  unreadable: (f: string) => `${f} does not exist or cannot be read.`,
} as const;

const asCliError = (err: unknown): never => {
  if (err instanceof BackupError) throw new CliError(err.message);
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
  const db = openConfiguredDb(config);
  try {
    // An unmigrated (new, empty) database is brought up to date first so the bundle restores.
    await migrateToLatest(db);
    const outcome = await performBackup(db, config, {
      trigger: 'cli',
      outFile: opts.out ? path.resolve(opts.out) : undefined,
    }).catch(asCliError);
    const bundle = outcome.bundle;
    if (!bundle) throw new CliError('The backup failed.');
    io.out(MSG.written(describeDatabase(config)));
    io.out(MSG.file(bundle.file));
    io.out(MSG.size(bundle.bytes));
    io.out(MSG.sha(bundle.sha256));
    io.out(MSG.encrypted(bundle.encrypted));
    io.out(MSG.checkpoint(bundle.checkpointFile));
    if (outcome.run.copy_file) io.out(MSG.copy(outcome.run.copy_file));
    if (outcome.copyError) io.out(MSG.copyFailed(outcome.copyError));
    io.out(MSG.keepCheckpoint);
    if (!outcome.verification?.ok) {
      throw new CliError(MSG.verifyFailed(outcome.verification?.detail ?? ''));
    }
    io.out(MSG.verified(outcome.verification.detail));
    return outcome.copyError ? 1 : 0;
  } finally {
    await db.close();
  }
}

function reportCheck(io: CliIO, check: RestoreCheck): void {
  io.out(check.auditBreaks === 0 ? MSG.auditOk(check.auditChecked) : MSG.auditBroken(check.auditBreaks));
  if (check.secret === 'decrypted') io.out(MSG.secretOk);
  if (check.secret === 'none') io.out(MSG.secretNone);
  const missing = check.checkpointFindings.reduce((n, f) => n + f.missing, 0);
  if (check.checkpointFindings.length) io.out(MSG.checkpointMissing(missing));
}

/**
 * `keizoku restore FILE`: a bundle into an empty data directory or empty PostgreSQL database,
 * then proof that it works: the audit chains and one decrypted two-step secret. A bare database
 * file from an older keizoku is still accepted (without its key).
 */
export async function restoreCommand(config: Config, io: CliIO, file: string): Promise<number> {
  const source = path.resolve(file);
  const info = await fileInfo(source).catch(() => {
    throw new CliError(MSG.unreadable(source));
  });
  io.out(MSG.restoring(info.path, info.bytes, info.sha256));
  io.out(MSG.into(describeDatabase(config)));
  const kind = sniffBackup(source);
  let key: Buffer | null = null;
  let checkpoint: AuditCheckpoint | null = null;
  if (kind === 'other') {
    io.out(MSG.legacy);
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
      io.out(MSG.sqliteFacts(facts.organizations, facts.users, facts.auditEntries));
    }
  } else {
    const restored = await restoreBundle(
      { dataDir: config.dataDir, databaseUrl: config.databaseUrl },
      source,
      config.backup.passphrase,
    ).catch(asCliError);
    const m = restored.manifest;
    io.out(MSG.bundleFacts(m.engine, m.createdAt, m.keizokuVersion));
    if (restored.sqliteFacts) {
      const f = restored.sqliteFacts;
      io.out(MSG.sqliteFacts(f.organizations, f.users, f.auditEntries));
    }
    key = restored.key;
    checkpoint = restored.checkpoint;
    const envKey = io.env.KEIZOKU_SECRET_KEY;
    if (envKey && !Buffer.from(envKey, 'base64').equals(key)) io.out(MSG.envKeyDiffers);
  }
  // A backup from an older version is brought up to date, then proves it works.
  const db = openConfiguredDb(config);
  try {
    const ran = await migrateToLatest(db);
    if (ran.length) io.out(MSG.migrations(ran));
    if (key) {
      const check = await checkRestored(db.kysely, key, checkpoint);
      reportCheck(io, check);
      if (check.secret === 'unreadable') throw new CliError(MSG.secretBad);
    } else {
      const { checked, breaks } = await verifyAuditChains(db.kysely);
      io.out(breaks.length === 0 ? MSG.auditOk(checked) : MSG.auditBroken(breaks.length));
    }
  } finally {
    await db.close();
  }
  io.out(MSG.done);
  return 0;
}
