import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { Db } from '../db/database.js';
import { ensurePrivateDir, makeFilePrivate } from '../private-files.js';
import { BackupError } from './errors.js';

/** The table Kysely's migrator keeps; its presence marks a keizoku database. */
const MIGRATION_TABLE = 'kysely_migration';
const REQUIRED_TABLES = [MIGRATION_TABLE, 'organizations', 'users', 'audit_log', 'audit_heads'];

function refuseExisting(file: string): void {
  if (fs.existsSync(file)) throw new BackupError('backupError.exists', { file });
}

/**
 * A consistent copy of the live SQLite database through SQLite's online backup API: the server
 * may keep writing meanwhile. The copy is a single self-contained file (rollback journal mode).
 */
export async function backupSqlite(db: Db, outFile: string): Promise<void> {
  if (db.engine !== 'sqlite' || !db.sqlite) throw new BackupError('backupError.notSqliteDb');
  refuseExisting(outFile);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.sqlite.backup(partial);
    const copy = new SQLite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError('backupError.copyIntegrity', { detail: String(check) });
    } finally {
      copy.close();
    }
    fs.renameSync(partial, outFile);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

export interface SqliteBackupFacts {
  migrations: string[];
  organizations: number;
  users: number;
  auditEntries: number;
}

/** Check that an open SQLite file is an intact keizoku database; returns what it holds. */
function inspect(handle: SQLite.Database, shown: string): SqliteBackupFacts {
  let check: unknown;
  try {
    check = handle.pragma('integrity_check', { simple: true });
  } catch {
    throw new BackupError('backupError.notSqlite', { file: shown });
  }
  if (check !== 'ok') throw new BackupError('backupError.integrity', { file: shown, detail: String(check) });
  const tables = new Set(
    (handle.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length)
    throw new BackupError('backupError.missingTables', { file: shown, tables: missing.join(', ') });
  const migrations = (
    handle.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]
  ).map((r) => r.name);
  if (migrations.length === 0) throw new BackupError('backupError.noMigrations', { file: shown });
  const count = (t: string) => (handle.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  return {
    migrations,
    organizations: count('organizations'),
    users: count('users'),
    auditEntries: count('audit_log'),
  };
}

/**
 * Restore a backup as the data directory's database. Refused when a database is already there:
 * a restore never overwrites data. The file is copied and checked first, then moved into place,
 * so a bad file leaves the data directory as it was.
 */
export function restoreSqlite(backupFile: string, targetFile: string): SqliteBackupFacts {
  if (!fs.existsSync(backupFile)) throw new BackupError('backupError.notFound', { file: backupFile });
  for (const f of [targetFile, `${targetFile}-wal`, `${targetFile}-journal`]) {
    if (fs.existsSync(f)) {
      throw new BackupError('backupError.targetExists', { file: f });
    }
  }
  ensurePrivateDir(path.dirname(targetFile));
  const partial = `${targetFile}.restoring`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
    fs.rmSync(f, { force: true });
  fs.copyFileSync(backupFile, partial);
  try {
    let handle: SQLite.Database;
    try {
      handle = new SQLite(partial, { fileMustExist: true });
    } catch {
      throw new BackupError('backupError.notSqlite', { file: backupFile });
    }
    let facts: SqliteBackupFacts;
    try {
      facts = inspect(handle, backupFile);
      handle.pragma('journal_mode = DELETE');
    } finally {
      handle.close();
    }
    fs.renameSync(partial, targetFile);
    makeFilePrivate(targetFile);
    return facts;
  } catch (err) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
      fs.rmSync(f, { force: true });
    throw err;
  }
}
