import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { BackupError } from './errors.js';

/**
 * libpq environment for pg_dump / pg_restore from a DATABASE_URL. The password travels in
 * PGPASSWORD, never on the command line, where any user of the machine could read it.
 */
export function pgEnvironment(databaseUrl: string): Record<string, string> {
  let u: URL;
  try {
    u = new URL(databaseUrl);
  } catch {
    throw new BackupError('backupError.badUrl');
  }
  const env: Record<string, string> = {};
  const host = u.hostname || u.searchParams.get('host');
  if (host) env.PGHOST = decodeURIComponent(host);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (database) env.PGDATABASE = database;
  const sslmode = u.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(program: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'ENOENT'
          ? new BackupError('backupError.noProgram', { program })
          : new BackupError('backupError.program', { program, detail: err.message }),
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const firstLines = (s: string) => s.trim().split('\n').slice(0, 5).join('\n');

/** A pg_dump custom-format archive of the whole database (restorable with pg_restore). */
export async function backupPg(databaseUrl: string, outFile: string): Promise<void> {
  if (fs.existsSync(outFile)) throw new BackupError('backupError.exists', { file: outFile });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const partial = `${outFile}.partial`;
  fs.rmSync(partial, { force: true });
  // pg_dump creates its file with the umask's mode; an empty 0600 file first keeps it private.
  fs.writeFileSync(partial, '', { mode: 0o600 });
  const r = await run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`],
    pgEnvironment(databaseUrl),
  );
  if (r.code !== 0) {
    fs.rmSync(partial, { force: true });
    throw new BackupError('backupError.pgDump', { detail: firstLines(r.stderr) });
  }
  fs.renameSync(partial, outFile);
}

/** Names of the tables in the database's public schema. */
async function pgTables(db: Db): Promise<string[]> {
  const r = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
    db.kysely,
  );
  return r.rows.map((x) => x.table_name);
}

/** `pg_restore --list`: refuses a file that is not a pg_dump archive of a keizoku database. */
export async function pgRestoreList(env: Record<string, string>, file: string): Promise<void> {
  const list = await run('pg_restore', ['--list', file], env);
  if (list.code !== 0) throw new BackupError('backupError.notPgArchive', { file });
  for (const t of ['kysely_migration', 'audit_log', 'users']) {
    if (!new RegExp(`TABLE (public )?${t} `).test(list.stdout)) {
      throw new BackupError('backupError.notKeizokuDump', { file, table: t });
    }
  }
}

/**
 * Restore a pg_dump archive into an EMPTY database (no table in the public schema). The archive
 * is checked to be a keizoku dump first; pg_restore then runs in one transaction, so a failure
 * leaves the database empty.
 */
export async function restorePg(db: Db, databaseUrl: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError('backupError.notFound', { file });
  const tables = await pgTables(db);
  if (tables.length > 0) {
    throw new BackupError('backupError.pgNotEmpty', { tables: tables.length });
  }
  const env = pgEnvironment(databaseUrl);
  await pgRestoreList(env, file);
  const r = await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      `--dbname=${env.PGDATABASE ?? ''}`,
      file,
    ],
    env,
  );
  if (r.code !== 0) throw new BackupError('backupError.pgRestore', { detail: firstLines(r.stderr) });
}
