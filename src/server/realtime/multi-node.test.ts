/**
 * Several app processes on one PostgreSQL (README: Running several nodes): two real `keizoku serve`
 * processes; a chronology entry written through one reaches a live stream opened on the other, and
 * a client that spreads its login tries over both meets one rate limit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../security/sessions.js';
import { createOrgWithUser, createTestApp, freePort, TEST_ENGINE, type TestApp } from '../test/harness.js';

const BIN = path.resolve(import.meta.dirname, '../../../bin/keizoku.js');

interface Node {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startNode(databaseUrl: string): Promise<Node> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-node-'));
  const output: string[] = [];
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      KEIZOKU_BACKUP_AT: 'off',
      KEIZOKU_OUTBOUND_WORKER: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => output.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
  child.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`node exited: ${output.join('')}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, child, output };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`node did not start: ${output.join('')}`);
}

function stopNode(node: Node): Promise<void> {
  return new Promise((resolve) => {
    if (node.child.exitCode !== null) return resolve();
    node.child.on('exit', () => resolve());
    node.child.kill('SIGTERM');
  });
}

/** The events of a live stream as they arrive. */
function openStream(url: string, cookie: string) {
  const events: { id: string; data: Record<string, unknown> }[] = [];
  let buffer = '';
  let status = 0;
  const req = http.get(url, { headers: { accept: 'text/event-stream', cookie } }, (res) => {
    status = res.statusCode ?? 0;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) as Record<string, unknown> });
        end = buffer.indexOf('\n\n');
      }
    });
  });
  req.on('error', () => {});
  return { events, status: () => status, close: () => req.destroy() };
}

async function until<T>(what: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A signed-in client of one node over real HTTP, with the CSRF cookie and token. */
async function clientOf(node: Node, session: string) {
  const csrf = await fetch(`${node.url}/api/v1/auth/csrf`, {
    headers: { cookie: `${SESSION_COOKIE}=${session}` },
  });
  const token = ((await csrf.json()) as { token: string }).token;
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]);
  const cookie = [`${SESSION_COOKIE}=${session}`, ...csrfCookie].join('; ');
  return {
    cookie,
    post: (p: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${node.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie, ...headers },
        body: JSON.stringify(body),
      }),
  };
}

describe.skipIf(TEST_ENGINE !== 'pg')('two app processes on one PostgreSQL', { timeout: 120_000 }, () => {
  let t: TestApp;
  let a: Node;
  let b: Node;
  beforeAll(async () => {
    t = await createTestApp();
    const url = t.config.databaseUrl;
    if (!url) throw new Error('the PostgreSQL suite gives a database URL');
    [a, b] = await Promise.all([startNode(url), startNode(url)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a && stopNode(a), b && stopNode(b)]);
    await t?.close();
  });

  it('a chronology entry written through one process reaches a live stream on the other', async () => {
    const owner = await createOrgWithUser(t);
    const session = owner.client.cookies.get(SESSION_COOKIE) ?? '';
    const onB = await clientOf(b, session);
    const declared = await onB.post('/api/v1/incidents', {
      type: 'ransomware',
      mode: 'drill',
      title: '訓練',
    });
    expect(declared.status).toBe(201);
    const incident = (await declared.json()) as { id: string };

    const stream = openStream(`${a.url}/api/v1/incidents/events`, `${SESSION_COOKIE}=${session}`);
    try {
      await until(() => (stream.status() === 200 ? true : undefined), 5000);
      // The stream subscribes, then starts listening; give its LISTEN a moment before writing.
      await new Promise((r) => setTimeout(r, 500));
      const written = await onB.post(`/api/v1/incidents/${incident.id}/chronology`, {
        occurredAt: new Date().toISOString(),
        kind: 'report',
        text: '別のサーバーから記録',
      });
      expect(written.status).toBe(201);
      const entry = (await written.json()) as { id: string };
      const started = Date.now();
      const seen = await until(() => stream.events.find((e) => e.data.subjectId === entry.id), 5000);
      expect(seen.data).toMatchObject({ incidentId: incident.id, subjectId: entry.id });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      stream.close();
    }
  });

  it('counts a client’s login tries on both processes together', async () => {
    // 30 tries a minute per client address (auth routes), spread over the two processes.
    const clients = [await clientOf(a, ''), await clientOf(b, '')];
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) {
      const res = await clients[i % 2]!.post('/api/v1/auth/login', {
        email: 'nobody@example.test',
        password: 'not the password at all',
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30)).not.toContain(429);
    expect(statuses.slice(30)).toEqual([429, 429]);
  });
});
