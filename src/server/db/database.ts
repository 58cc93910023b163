import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import { LRUCache } from 'lru-cache';
import pg from 'pg';
import { ensurePrivateDir, ensurePrivateFile, makeFilePrivate } from '../private-files.js';
import type { Database } from './schema.js';
import { BACKSTOP_PAGES, startCheckpointer } from './sqlite-checkpointer.js';

type Engine = 'sqlite' | 'pg';

export interface Db {
  kysely: Kysely<Database>;
  engine: Engine;
  /** For PostgreSQL: its URL (the event bus opens its own listening connection with it). */
  connectionString?: string;
  /** For SQLite: the database file path (used by backup). */
  sqlitePath?: string;
  /** For SQLite: the raw handle (used by the online backup API). */
  sqlite?: SQLite.Database;
  /**
   * Told when an idle PostgreSQL connection fails (the server restarted, an administrator ended
   * it): the pool drops it and the next query opens another. The app logs it (app.ts); without a
   * listener such an error would end the process.
   */
  onIdleError?: (err: Error) => void;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** SQLite file; ':memory:' allowed for throwaway use. */
  sqlitePath?: string;
  /**
   * SQLite: whether this connection starts the checkpointing thread (default true). A second
   * connection to the same file (the answer writer's) leaves it to the first.
   */
  checkpointer?: boolean;
}

// PostgreSQL returns BIGINT/COUNT as strings by default; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/**
 * The largest value of an `integer` column (PostgreSQL int4). Compare a client's number with it
 * before it reaches SQL: PostgreSQL fails a query with a larger one instead of matching nothing.
 */
export const INTEGER_COLUMN_MAX = 2_147_483_647;

export function openDb(opts: DbOptions): Db {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const db: Db = {
      kysely,
      engine: 'pg',
      connectionString: opts.databaseUrl,
      close: () => kysely.destroy(),
    };
    pool.on('error', (err) => db.onIdleError?.(err));
    return db;
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') {
    ensurePrivateDir(path.dirname(file));
    // SQLite gives its -wal and -shm files the database file's mode, so 0600 here covers them;
    // files an older version created 0644 are tightened.
    ensurePrivateFile(file);
    for (const f of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) makeFilePrivate(f);
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // A file's log is copied back by a worker thread, not inside the app's commits.
  const checkpointer = file === ':memory:' || opts.checkpointer === false ? null : startCheckpointer(file);
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    kysely,
    engine: 'sqlite',
    sqlitePath: file,
    sqlite,
    close: async () => {
      await checkpointer?.stop();
      await kysely.destroy();
    },
  };
}

/** Compiled statements kept per SQLite database: the queries of the app are a few hundred shapes. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and compiling SQL is a good part of a small query's cost in
 * SQLite: the compiled statements of recent SQL texts are reused instead. Safe because Kysely runs
 * a statement to its end (all or run) before the next query on the one connection.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new LRUCache<string, SQLite.Statement>({ max: STATEMENT_CACHE_SIZE });
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      // Kysely begins transactions with a plain BEGIN, which takes the write lock only at the first
      // write: another connection (the answer writer's thread) committing in between would then
      // fail it (SQLITE_BUSY, no wait). BEGIN IMMEDIATE takes it at once, waiting its turn.
      if (text === 'begin') text = 'begin immediate';
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}
