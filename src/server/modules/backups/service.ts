import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import {
  type BackupWarning,
  backupWarnings,
  keepBundles,
  nextRunAt,
  parseTimeOfDay,
} from '../../../domain/backup-schedule.js';
import type { BackupRun, BackupStatus } from '../../../shared/backups.js';
import { takeCheckpoint, writeCheckpointFile } from '../../audit-trail/checkpoint.js';
import {
  bundleExtension,
  type CreatedBundle,
  checkpointNameFor,
  createBundle,
  isBundleName,
  removeStaleLeftovers,
} from '../../backup/bundle.js';
import { BackupError } from '../../backup/errors.js';
import { backupStamp } from '../../backup/file-info.js';
import { type BundleVerification, verifyBundle } from '../../backup/restore.js';
import type { BackupConfig, Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { BackupRunRow } from '../../db/schema.js';
import { audited } from '../../db/tx.js';
import { conflict, DomainError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { ensurePrivateDir, makeDirPrivate, PRIVATE_FILE_MODE } from '../../private-files.js';
import { secretKey } from '../../security/secret-box.js';
import * as repo from './repo.js';

export interface BackupOutcome {
  run: BackupRunRow;
  bundle: CreatedBundle | null;
  verification: BundleVerification | null;
  copyError: string | null;
  pruned: string[];
}

/** A free default name in the backups directory: keizoku-YYYYMMDD-HHMMSS.tar.gz(.age). */
function defaultBundleFile(dir: string, encrypted: boolean): string {
  const stamp = backupStamp();
  for (let i = 1; ; i++) {
    const name = `${stamp}${i === 1 ? '' : `-${i}`}${bundleExtension(encrypted)}`;
    if (!fs.existsSync(path.join(dir, name))) return path.join(dir, name);
  }
}

/** Copy a file to a directory atomically (hidden temp name, fsync, rename). */
function copyAtomically(file: string, dir: string): string {
  const target = path.join(dir, path.basename(file));
  const partial = path.join(dir, `.${path.basename(file)}.partial`);
  try {
    fs.copyFileSync(file, partial);
    fs.chmodSync(partial, PRIVATE_FILE_MODE);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
    return target;
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** Databases with a backup under way in this process: one run at a time, scheduled or manual. */
const underWay = new WeakSet<Db>();

interface BackupOptions {
  trigger: BackupRunRow['trigger'];
  outFile?: string | undefined;
  /** The run's id (to read it back after a failure); a new one by default. */
  id?: string;
  /** Who asked for it (manual runs); the audit entry names them. */
  actor?: { userId: string; orgId: string };
}

/**
 * One backup: write the bundle, copy it to the second place, prove it restores, record the run
 * and, for scheduled and manual runs, delete the bundles the retention no longer keeps.
 * Refused with 409 backup_in_progress while another run on the same database is under way.
 */
export async function performBackup(db: Db, config: Config, opts: BackupOptions): Promise<BackupOutcome> {
  if (underWay.has(db)) throw conflict('backup_in_progress');
  underWay.add(db);
  try {
    return await backupOnce(db, config, opts);
  } finally {
    underWay.delete(db);
  }
}

async function backupOnce(db: Db, config: Config, opts: BackupOptions): Promise<BackupOutcome> {
  const actor = opts.actor ?? { userId: null, orgId: null };
  const b = config.backup;
  const startedAt = nowIso();
  if (!opts.outFile) makeDirPrivate(b.dir);
  const outFile = opts.outFile ?? defaultBundleFile(b.dir, Boolean(b.passphrase));
  removeStaleLeftovers(path.dirname(outFile));
  const base = {
    id: opts.id ?? newId(),
    trigger: opts.trigger,
    started_at: startedAt,
    copy_file: null,
    copy_status: b.copyDir ? ('failed' as const) : ('not_configured' as const),
    verify_status: 'skipped' as const,
    verified_at: null,
    verify_detail: null,
    encrypted_at: null,
  };
  let bundle: CreatedBundle;
  try {
    bundle = await createBundle(db, {
      outFile,
      key: secretKey(config.dataDir),
      databaseUrl: config.databaseUrl,
      passphrase: b.passphrase,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const run = {
      ...base,
      status: 'failed' as const,
      finished_at: nowIso(),
      file: outFile,
      bytes: null,
      sha256: null,
      error: message,
    };
    await record(db, actor, run);
    throw err instanceof BackupError ? err : new BackupError('backupError.failed', { detail: message });
  }

  let copyFile: string | null = null;
  let copyError: string | null = null;
  if (b.copyDir) {
    try {
      if (!fs.existsSync(b.copyDir)) ensurePrivateDir(b.copyDir);
      copyFile = copyAtomically(bundle.file, b.copyDir);
      copyAtomically(bundle.checkpointFile, b.copyDir);
    } catch (err) {
      copyError = `The copy to ${b.copyDir} failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  const verification = await verifyBundle(bundle.file, {
    passphrase: b.passphrase,
    databaseUrl: config.databaseUrl,
    scratchParent: path.dirname(bundle.file),
  });

  const run: BackupRunRow = {
    ...base,
    status: 'ok',
    finished_at: nowIso(),
    file: bundle.file,
    bytes: bundle.bytes,
    sha256: bundle.sha256,
    encrypted_at: bundle.encrypted ? startedAt : null,
    copy_file: copyFile,
    copy_status: b.copyDir ? (copyFile ? 'ok' : 'failed') : 'not_configured',
    verify_status: verification.ok ? 'ok' : 'failed',
    verified_at: verification.ok ? nowIso() : null,
    verify_detail: verification.detail,
    error: copyError,
  };
  await record(db, actor, run);
  const pruned = opts.trigger === 'cli' ? [] : pruneBundles(b);
  return { run, bundle, verification, copyError, pruned };
}

async function record(
  db: Db,
  actor: { userId: string | null; orgId: string | null },
  run: BackupRunRow,
): Promise<void> {
  await audited(db, actor, async ({ trx, audit }) => {
    await repo.insertRun(trx, run);
    await audit({
      action: run.status === 'ok' ? 'backup.create' : 'backup.fail',
      entityType: 'backup',
      entityId: run.id,
      details: {
        file: run.file ? path.basename(run.file) : null,
        verify: run.verify_status,
        copy: run.copy_status,
      },
    });
  });
}

/** Delete bundles (and their checkpoint files) the retention rule no longer keeps, in both places. */
function pruneBundles(b: BackupConfig): string[] {
  const removed: string[] = [];
  for (const dir of [b.dir, b.copyDir]) {
    if (!dir || !fs.existsSync(dir)) continue;
    const bundles = fs
      .readdirSync(dir)
      .filter(isBundleName)
      .map((name) => ({ name, at: fs.statSync(path.join(dir, name)).mtime }));
    const keep = keepBundles(bundles, b.keep, b.timeZone);
    for (const { name } of bundles) {
      if (keep.has(name)) continue;
      const file = path.join(dir, name);
      fs.rmSync(file, { force: true });
      fs.rmSync(checkpointNameFor(file), { force: true });
      removed.push(file);
    }
  }
  return removed;
}

/** Today's audit checkpoint, beside the backups and in the second place (about 1 KB a day, kept). */
export async function writeDailyCheckpoint(db: Db, config: Config): Promise<string> {
  const checkpoint = await takeCheckpoint(db.kysely, secretKey(config.dataDir));
  const name = `audit-checkpoint-${checkpoint.createdAt.slice(0, 10)}.json`;
  const dir = path.join(config.backup.dir, 'checkpoints');
  makeDirPrivate(config.backup.dir);
  const file = path.join(dir, name);
  writeCheckpointFile(file, checkpoint);
  if (config.backup.copyDir && fs.existsSync(config.backup.copyDir)) {
    writeCheckpointFile(path.join(config.backup.copyDir, 'checkpoints', name), checkpoint);
  }
  return file;
}

/**
 * Run the backup every day at the configured local time (default 03:00 Asia/Tokyo). Returns a
 * function that stops the schedule. A failed run is recorded and logged; the next day tries again.
 */
export function scheduleBackups(db: Db, config: Config, log: FastifyBaseLogger): () => Promise<void> {
  const at = config.backup.at ? parseTimeOfDay(config.backup.at) : null;
  if (!at) return async () => {};
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const arm = () => {
    if (stopped) return;
    // A day is far below the ~24.8 days a timer can wait.
    const delay = Math.max(1000, nextRunAt(new Date(), at, config.backup.timeZone).getTime() - Date.now());
    timer = setTimeout(() => {
      running = tick();
    }, delay);
    timer.unref();
  };
  const tick = async () => {
    try {
      await writeDailyCheckpoint(db, config);
      const outcome = await performBackup(db, config, { trigger: 'schedule' });
      log.info(
        { backup: outcome.run.file, verify: outcome.run.verify_status, copy: outcome.run.copy_status },
        'scheduled backup done',
      );
    } catch (err) {
      log.error({ err }, 'scheduled backup failed');
    } finally {
      arm();
    }
  };
  arm();
  // Stopping waits for a backup under way, so the database is not closed under it.
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

const presentRun = (r: BackupRunRow): BackupRun => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  fileName: r.file ? path.basename(r.file) : null,
  bytes: r.bytes === null ? null : Number(r.bytes),
  encrypted: r.encrypted_at !== null,
  copyStatus: r.copy_status,
  verifyStatus: r.verify_status,
  verifiedAt: r.verified_at,
  verifyDetail: r.verify_detail,
  error: r.error,
});

/**
 * 今すぐバックアップ: the scheduled routine, started by an owner or admin. Answers the recorded
 * run, also when it failed (its error is the reason to show).
 */
export async function backupNow(
  db: Db,
  config: Config,
  actor: { userId: string; orgId: string },
): Promise<BackupRun> {
  const id = newId();
  try {
    const outcome = await performBackup(db, config, { trigger: 'manual', id, actor });
    return presentRun(outcome.run);
  } catch (err) {
    const failed = err instanceof DomainError ? undefined : await repo.runById(db.kysely, id);
    if (!failed) throw err;
    return presentRun(failed);
  }
}

/** What the owner sees: last backup, last verified restore, where the copies are, and warnings. */
export async function backupStatus(db: Db, config: Config, now = new Date()): Promise<BackupStatus> {
  const b = config.backup;
  const [runs, lastOk, lastVerified, lastCopied] = await Promise.all([
    repo.recentRuns(db.kysely, 20),
    repo.lastRunWhere(db.kysely, 'ok'),
    repo.lastRunWhere(db.kysely, 'verified'),
    repo.lastRunWhere(db.kysely, 'copied'),
  ]);
  const at = b.at ? parseTimeOfDay(b.at) : null;
  const warnings: BackupWarning[] = backupWarnings({
    now,
    scheduled: at !== null,
    lastBackupAt: lastOk?.finished_at ?? null,
    lastCopyAt: lastCopied?.finished_at ?? null,
    lastVerifiedAt: lastVerified?.verified_at ?? null,
    latestVerifyFailed: runs[0]?.status === 'ok' && runs[0].verify_status === 'failed',
    latestFailed: runs[0]?.status === 'failed',
    copyConfigured: b.copyDir !== null,
  });
  return {
    schedule: {
      at: b.at,
      timeZone: b.timeZone,
      nextRunAt: at ? nextRunAt(now, at, b.timeZone).toISOString() : null,
    },
    directory: b.dir,
    copyDirectory: b.copyDir,
    encrypted: Boolean(b.passphrase),
    lastBackup: lastOk ? presentRun(lastOk) : null,
    lastVerified: lastVerified ? presentRun(lastVerified) : null,
    lastCopy: lastCopied ? presentRun(lastCopied) : null,
    warnings,
    runs: runs.map(presentRun),
  };
}
