import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { verifyAuditChains } from '../audit-trail/audit.js';
import {
  type AuditCheckpoint,
  type CheckpointFinding,
  compareWithCheckpoint,
  readCheckpoint,
} from '../audit-trail/checkpoint.js';
import { type Db, openDb } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { anyMfaSecret } from '../modules/auth/repo.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import { decryptSecret, parseSecretKey, secretKeyFile } from '../security/secret-box.js';
import { type BundleManifest, type OpenedBundle, openBundle } from './bundle.js';
import { BackupError } from './errors.js';
import { pgEnvironment, pgRestoreList, restorePg } from './pg.js';
import { restoreSqlite, type SqliteBackupFacts } from './sqlite.js';

/** What a restored database proves about itself. */
export interface RestoreCheck {
  auditChecked: number;
  auditBreaks: number;
  /** One two-step login secret decrypted with the bundle's key; 'none' when nobody uses two-step login. */
  secret: 'decrypted' | 'none' | 'unreadable';
  /** Entries the bundle's checkpoint saw that the restored database lacks (should be none). */
  checkpointFindings: CheckpointFinding[];
}

const restoreCheckPassed = (c: RestoreCheck) =>
  c.auditBreaks === 0 && c.secret !== 'unreadable' && c.checkpointFindings.length === 0;

/** Walk the audit chains, decrypt one two-step secret and compare with the bundle's checkpoint. */
export async function checkRestored(
  db: Kysely<Database>,
  key: Buffer,
  checkpoint: AuditCheckpoint | null,
): Promise<RestoreCheck> {
  const { checked, breaks } = await verifyAuditChains(db);
  const mfaSecret = await anyMfaSecret(db);
  let secret: RestoreCheck['secret'] = 'none';
  if (mfaSecret) {
    try {
      decryptSecret(key, mfaSecret);
      secret = 'decrypted';
    } catch {
      secret = 'unreadable';
    }
  }
  const checkpointFindings = checkpoint ? await compareWithCheckpoint(db, checkpoint) : [];
  return { auditChecked: checked, auditBreaks: breaks.length, secret, checkpointFindings };
}

function bundleKey(opened: OpenedBundle): Buffer {
  const key = parseSecretKey(fs.readFileSync(opened.keyFile, 'utf8'));
  if (!key) throw new BackupError('backupError.badKey');
  return key;
}

function bundleCheckpoint(opened: OpenedBundle, key: Buffer): AuditCheckpoint {
  const r = readCheckpoint(fs.readFileSync(opened.checkpointFile, 'utf8'), key);
  if (!r.ok) throw new BackupError('backupError.badCheckpoint');
  return r.checkpoint;
}

export interface BundleTarget {
  dataDir: string;
  databaseUrl?: string | undefined;
}

export interface RestoredBundle {
  manifest: BundleManifest;
  encrypted: boolean;
  key: Buffer;
  checkpoint: AuditCheckpoint;
  sqliteFacts: SqliteBackupFacts | null;
}

/**
 * Restore a bundle into an empty data directory (SQLite) or an empty PostgreSQL database: the
 * database, then the secret key. Refused before anything is written when the target holds data or
 * another key, or when the bundle is damaged.
 */
export async function restoreBundle(
  target: BundleTarget,
  file: string,
  passphrase: string | undefined,
): Promise<RestoredBundle> {
  ensurePrivateDir(target.dataDir);
  const scratch = fs.mkdtempSync(path.join(target.dataDir, '.restore-'));
  try {
    const opened = await openBundle(file, scratch, passphrase);
    const { manifest } = opened;
    if (manifest.engine === 'pg' && !target.databaseUrl) {
      throw new BackupError('backupError.holdsPg', { file });
    }
    if (manifest.engine === 'sqlite' && target.databaseUrl) {
      throw new BackupError('backupError.holdsSqlite', { file });
    }
    const key = bundleKey(opened);
    const checkpoint = bundleCheckpoint(opened, key);
    const keyFile = secretKeyFile(target.dataDir);
    const existingKey = fs.existsSync(keyFile) ? parseSecretKey(fs.readFileSync(keyFile, 'utf8')) : null;
    if (fs.existsSync(keyFile) && !existingKey?.equals(key)) {
      throw new BackupError('backupError.otherKey', { file: keyFile });
    }

    let sqliteFacts: SqliteBackupFacts | null = null;
    if (target.databaseUrl) {
      const db = openDb({ databaseUrl: target.databaseUrl });
      try {
        await restorePg(db, target.databaseUrl, opened.databaseFile);
      } finally {
        await db.close();
      }
    } else {
      sqliteFacts = restoreSqlite(opened.databaseFile, path.join(target.dataDir, 'keizoku.sqlite'));
    }
    if (!existingKey)
      fs.writeFileSync(keyFile, fs.readFileSync(opened.keyFile), { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return { manifest, encrypted: opened.encrypted, key, checkpoint, sqliteFacts };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export interface BundleVerification {
  ok: boolean;
  /** One plain sentence: what was checked, or what failed. */
  detail: string;
  check: RestoreCheck | null;
}

/**
 * Drop the scratch database once the pool's connections have gone (they close just after the
 * pool ends); FORCE only as a last resort, since it kills connections that are still closing.
 */
async function dropScratchDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let attempt = 1; attempt <= 40; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
}

/** The database a role may create beside its own, for a scratch restore. */
function scratchDatabaseUrl(databaseUrl: string, name: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Prove a bundle restores: unpack it, restore its database into a scratch place (a temp SQLite
 * file, or a scratch PostgreSQL database when the role may create one, else `pg_restore --list`
 * only) and check the audit chains, one two-step secret and the bundle's checkpoint.
 */
export async function verifyBundle(
  file: string,
  opts: { passphrase?: string | undefined; databaseUrl?: string | undefined; scratchParent?: string },
): Promise<BundleVerification> {
  const scratch = fs.mkdtempSync(path.join(opts.scratchParent ?? os.tmpdir(), '.keizoku-verify-'));
  try {
    const opened = await openBundle(file, scratch, opts.passphrase);
    const key = bundleKey(opened);
    const checkpoint = bundleCheckpoint(opened, key);
    let check: RestoreCheck;
    if (opened.manifest.engine === 'sqlite') {
      restoreSqlite(opened.databaseFile, path.join(scratch, 'verify.sqlite'));
      const db: Db = openDb({ sqlitePath: path.join(scratch, 'verify.sqlite') });
      try {
        check = await checkRestored(db.kysely, key, checkpoint);
      } finally {
        await db.close();
      }
    } else {
      if (!opts.databaseUrl) return { ok: false, detail: 'DATABASE_URL is not set.', check: null };
      await pgRestoreList(pgEnvironment(opts.databaseUrl), opened.databaseFile);
      const name = `keizoku_verify_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: opts.databaseUrl });
      await admin.connect();
      try {
        try {
          await admin.query(`CREATE DATABASE ${name}`);
        } catch {
          return {
            ok: true,
            detail:
              'The archive lists every table; the database role may not create a scratch database, so it was not restored as a test.',
            check: null,
          };
        }
        try {
          const url = scratchDatabaseUrl(opts.databaseUrl, name);
          const db = openDb({ databaseUrl: url });
          try {
            await restorePg(db, url, opened.databaseFile);
            check = await checkRestored(db.kysely, key, checkpoint);
          } finally {
            await db.close();
          }
        } finally {
          await dropScratchDatabase(admin, name);
        }
      } finally {
        await admin.end();
      }
    }
    return { ok: restoreCheckPassed(check), detail: describeCheck(check), check };
  } catch (err) {
    if (err instanceof BackupError) return { ok: false, detail: err.message, check: null };
    return {
      ok: false,
      detail: `The test restore failed: ${err instanceof Error ? err.message : String(err)}`,
      check: null,
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** One sentence on a restore check. */
function describeCheck(c: RestoreCheck): string {
  const parts = [
    c.auditBreaks === 0
      ? `audit trail intact (${c.auditChecked} entries)`
      : `${c.auditBreaks} audit chain(s) broken`,
    c.secret === 'decrypted'
      ? 'a two-step login secret decrypted with the bundled key'
      : c.secret === 'none'
        ? 'no two-step login secret to test'
        : 'two-step login secrets cannot be decrypted with the bundled key',
  ];
  const missing = c.checkpointFindings.reduce((n, f) => n + f.missing, 0);
  if (c.checkpointFindings.length) parts.push(`${missing} entries of the checkpoint missing`);
  return `Test restore: ${parts.join('; ')}.`;
}
