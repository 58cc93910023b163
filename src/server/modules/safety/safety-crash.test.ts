import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate.js';
import { newId, nowIso } from '../../ids.js';
import { childDatabaseEnvs, freePort, openChildDb } from '../../test/harness.js';
import { insertOrganization } from '../auth/repo.js';

/**
 * The server process is killed (SIGKILL) in the middle of a burst of answers, then started again:
 * every answer acknowledged before the kill is stored, and the client's retries of the others
 * (same idempotency key, same body) land exactly once.
 */

const freshEnv = childDatabaseEnvs();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const bin = path.resolve(import.meta.dirname, '../../../../bin/keizoku.js');
  const child = spawn(process.execPath, [bin, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      LOG_LEVEL: 'silent',
      PORT: String(port),
      HOST: '127.0.0.1',
      KEIZOKU_OUTBOUND_WORKER: 'off',
      KEIZOKU_BACKUP_AT: 'off',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += c));
  const end = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Send {
  token: string;
  key: string;
  body: { status: string; message: string };
}

async function post(port: number, s: Send): Promise<{ status: number; answerId: string } | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/a/${s.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': s.key },
      body: JSON.stringify(s.body),
    });
    const json = (await res.json()) as { answer?: { id: string } };
    return { status: res.status, answerId: json.answer?.id ?? '' };
  } catch {
    return null; // the connection died: not acknowledged
  }
}

describe('safety answers survive a killed server', () => {
  it('keeps every acknowledged answer and stores each retried one exactly once', async () => {
    const env = await freshEnv();
    const setup = openChildDb(env);
    await migrateToLatest(setup);
    const orgId = newId();
    const incidentId = newId();
    const requestId = newId();
    const now = nowIso();
    await insertOrganization(setup.kysely, orgId, '体育館の会社');
    await setup.kysely
      .insertInto('incidents')
      .values({
        id: incidentId,
        org_id: orgId,
        type: 'earthquake',
        mode: 'drill',
        title: '地震訓練',
        status: 'active',
        began_at: now,
        site_ids: '[]',
        prefecture_codes: '[]',
        declared_by: null,
        closed_at: null,
        close_summary: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await setup.kysely
      .insertInto('safety_requests')
      .values({
        id: requestId,
        org_id: orgId,
        incident_id: incidentId,
        filter: '{}',
        questions: '["status","message"]',
        note: null,
        reminder_count: 0,
        reminder_interval_minutes: 60,
        deadline_at: null,
        reminders_sent: 0,
        next_reminder_at: null,
        created_by: null,
        created_at: now,
      })
      .execute();
    const PEOPLE = 40;
    const tokens: string[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const personId = newId();
      const recipientId = newId();
      await setup.kysely
        .insertInto('people')
        .values({
          id: personId,
          org_id: orgId,
          employee_number: null,
          name: `社員${i}`,
          name_kana: null,
          email: null,
          phone: null,
          chat_handle: null,
          site_id: null,
          department_id: null,
          home_prefecture: null,
          employment_status: 'full_time',
          archived_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        })
        .execute();
      await setup.kysely
        .insertInto('safety_recipients')
        .values({
          id: recipientId,
          org_id: orgId,
          incident_id: incidentId,
          request_id: requestId,
          person_id: personId,
          asked_at: now,
          sent_count: 1,
          last_sent_at: now,
          first_answered_at: null,
          latest_answer_id: null,
          latest_status: null,
        })
        .execute();
      const token = crypto.randomBytes(32).toString('base64url');
      tokens.push(token);
      await setup.kysely
        .insertInto('safety_links')
        .values({
          token_hash: crypto.createHash('sha256').update(token).digest('hex'),
          org_id: orgId,
          recipient_id: recipientId,
          created_at: now,
        })
        .execute();
    }
    await setup.close();

    // Each person answers three times (three versions, three keys).
    const sends: Send[] = tokens.flatMap((token, i) =>
      [0, 1, 2].map((v) => ({
        token,
        key: crypto.randomUUID(),
        body: { status: v === 2 ? 'safe' : 'minor_injury', message: `社員${i} 版${v}` },
      })),
    );
    const port = await freePort();
    const first = await startServer(env, port);
    const outcomes = new Map<Send, { status: number; answerId: string } | null>();
    let acked = 0;
    let killed = false;
    // 8 clients at a time; the server dies once a third of the answers are acknowledged.
    const queue = [...sends];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          const r = killed ? null : await post(port, s);
          outcomes.set(s, r);
          if (r && r.status < 300) acked++;
          if (!killed && acked >= sends.length / 3) {
            killed = true;
            first.kill('SIGKILL');
          }
        }
      }),
    );
    await new Promise<void>((resolve) =>
      first.exitCode !== null || first.signalCode ? resolve() : first.once('exit', () => resolve()),
    );
    const acknowledged = [...outcomes].filter(([, r]) => r && r.status < 300);
    const unacknowledged = sends.filter((s) => !outcomes.get(s) || (outcomes.get(s)?.status ?? 0) >= 300);
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(unacknowledged.length).toBeGreaterThan(0);

    const second = await startServer(env, port);
    // Every acknowledged answer is there.
    const check = openChildDb(env);
    const stored = await check.kysely
      .selectFrom('safety_answers')
      .select(['id', 'idempotency_key'])
      .execute();
    const storedIds = new Set(stored.map((r) => r.id));
    for (const [, r] of acknowledged) expect(storedIds.has(r?.answerId ?? '')).toBe(true);

    // The client retries what was not acknowledged (some may have been stored before the kill),
    // and retries the acknowledged ones too (a lost reply looks the same to a phone).
    for (const s of sends) {
      const r = await post(port, s);
      expect(r?.status).toBeOneOf([200, 201]);
    }
    const after = await check.kysely.selectFrom('safety_answers').select(['idempotency_key']).execute();
    const keys = after.map((r) => r.idempotency_key);
    expect(keys.length).toBe(sends.length);
    expect(new Set(keys).size).toBe(sends.length);
    const answered = await check.kysely
      .selectFrom('safety_recipients')
      .select(['latest_status'])
      .where('first_answered_at', 'is not', null)
      .execute();
    expect(answered).toHaveLength(PEOPLE);
    await check.close();
    second.kill('SIGTERM');
    await new Promise<void>((resolve) =>
      second.exitCode !== null ? resolve() : second.once('exit', () => resolve()),
    );
  }, 180_000);
});
