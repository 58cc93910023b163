import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDb } from './database.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-checkpoint-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('copies the write-ahead log into the database file from its worker, not in the commits', async () => {
  const file = path.join(dir, 'keizoku.sqlite');
  const db = openDb({ sqlitePath: file });
  try {
    await sql`create table notes (body text)`.execute(db.kysely);
    // About 2 MB in 50 commits: far below the app's own checkpoint mark (20,000 pages), so only
    // the worker brings it into the file.
    const body = 'x'.repeat(1000);
    for (let i = 0; i < 50; i++)
      await db.kysely.transaction().execute(async (trx) => {
        for (let j = 0; j < 40; j++) await sql`insert into notes (body) values (${body})`.execute(trx);
      });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
    await expect
      .poll(() => fs.statSync(file).size, { timeout: 5000, interval: 100 })
      .toBeGreaterThan(2_000_000);
    const rows = await sql<{ n: number }>`select count(*) as n from notes`.execute(db.kysely);
    expect(rows.rows[0]?.n).toBe(2000);
  } finally {
    await db.close();
  }
});
