import pg from 'pg';
import { expect, it } from 'vitest';
import { TEST_ENGINE, withTestApp } from '../test/harness.js';

const t = withTestApp();

it.skipIf(TEST_ENGINE !== 'pg')(
  'keeps serving when PostgreSQL ends its idle connections (a restart, an administrator)',
  async () => {
    const failed: Error[] = [];
    t.db.onIdleError = (err) => failed.push(err);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);

    const name = new URL(t.config.databaseUrl ?? '').pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      const ended = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The pool hears of it, drops the connection, and the process lives on (an unhandled 'error'
    // event would fail this run).
    await expect.poll(() => failed.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect(String(failed[0]?.message)).toMatch(/terminat/);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  },
);
