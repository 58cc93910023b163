import path from 'node:path';
import type { Config } from '../config.js';
import { type Db, openDb } from '../db/database.js';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  env: NodeJS.ProcessEnv;
  /** The whole of standard input (used for a password when none is in the environment). */
  readStdin(): Promise<string>;
  /** True when standard input is a terminal (then a password is asked for without echo). */
  stdinIsTty: boolean;
  /** Ask on the terminal without echoing what is typed (only called when stdinIsTty). */
  promptHidden?(question: string): Promise<string>;
}

/** A command failed in a way the user can act on: the message is printed, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The embedded database file of a data directory. */
export const sqliteFileOf = (config: Config): string => path.join(config.dataDir, 'keizoku.sqlite');

/** DATABASE_URL selects PostgreSQL; otherwise the SQLite file under DATA_DIR. */
export function openConfiguredDb(config: Config): Db {
  return config.databaseUrl
    ? openDb({ databaseUrl: config.databaseUrl })
    : openDb({ sqlitePath: sqliteFileOf(config) });
}

/** Where the database is, for messages: never the password of a PostgreSQL URL. */
export function describeDatabase(config: Config): string {
  if (!config.databaseUrl) return `SQLite ${sqliteFileOf(config)}`;
  try {
    const u = new URL(config.databaseUrl);
    return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
