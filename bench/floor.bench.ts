/**
 * The floor under every answer (issue 12): how many requests a second keizoku answers over real
 * HTTP on 127.0.0.1, beside a bare `node:http` server measured in the same run.
 *
 * One process holds the servers; the load generator (autocannon, 64 connections) runs in a child
 * process, so the two never share an event loop. Measured, one after the other, each for
 * DURATION_S seconds after a short warm-up:
 *   - a bare node:http server answering `{"status":"ok"}` (the floor);
 *   - keizoku's `GET /healthz` (the global hook chain, no database, no session);
 *   - an authenticated API read, `GET /api/v1/inventory/systems` (session lookup in SQLite,
 *     access check, a list of five systems serialized from its schema);
 *   - an unauthenticated public POST with a small JSON body and its CSRF token (a bench-only
 *     route added to an app built by the real factory, so validation, CSRF and the full chain run).
 * Every request asks for compression as a browser does (Accept-Encoding: gzip, deflate, br); the
 * app logs at `info` to a sink that drops the lines, so logging costs what it costs in production.
 * The bare server is measured first and last; its mean is the figure the ratios are taken against.
 *
 * Each line: ok or FAIL, req/s, p50/p99 latency, the server's CPU time per request and the ratios
 * to the bare server (req/s, and CPU per request, which other work on the machine disturbs less),
 * with its limits in brackets. FAIL (exit 1) on a miss, or on any error or non-2xx answer.
 *
 * Run: npm run bench:floor
 */

import { execFile } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createOrgWithUser, TestClient } from '../src/server/test/harness.js';
import { bareServer, benchApp, listen } from './http-load.js';

const CONNECTIONS = 64;
const DURATION_S = Number(process.env.BENCH_FLOOR_SECONDS ?? 5);
const WARMUP_S = 1;
const AUTOCANNON = fileURLToPath(import.meta.resolve('autocannon/autocannon.js'));
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

interface Limits {
  /** At least this share of the bare server's req/s. */
  minRatio: number;
  /** p99 latency at most, in ms. */
  maxP99: number;
}
/** The target for an answer path: a quarter of the bare server, p99 within 50 ms. */
const ANSWER_PATH: Limits = { minRatio: 0.25, maxP99: 50 };

interface Target {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  limits?: Limits;
}

interface Result {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  total: number;
  /** The server's CPU time per request (user + system), in µs: what the answer path costs. */
  cpuUs: number;
}

/** One autocannon run in a child process; its JSON summary. */
async function load(target: Target): Promise<Result> {
  const cpu0 = process.cpuUsage();
  const r = await autocannon(target);
  const cpu = process.cpuUsage(cpu0);
  return { ...r.result, cpuUs: (cpu.user + cpu.system) / r.served };
}

function autocannon(target: Target): Promise<{ result: Omit<Result, 'cpuUs'>; served: number }> {
  const args = [
    AUTOCANNON,
    '--json',
    '--no-progress',
    '-c',
    String(CONNECTIONS),
    '-d',
    String(DURATION_S),
    '--warmup',
    '[',
    '-c',
    String(CONNECTIONS),
    '-d',
    String(WARMUP_S),
    ']',
    '-m',
    target.method ?? 'GET',
  ];
  for (const [k, v] of Object.entries({ ...BROWSER, ...target.headers })) args.push('-H', `${k}=${v}`);
  if (target.body !== undefined) args.push('-b', target.body);
  args.push(target.url);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { timeout: (DURATION_S + WARMUP_S + 30) * 1000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout) => {
        if (err) return reject(err);
        // With a warm-up, autocannon prints the warm-up's summary first: the last line is the run's.
        const r = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
          requests: { average: number; total: number };
          warmup?: { requests: { total: number } };
          latency: { p50: number; p99: number };
          non2xx: number;
          errors: number;
          timeouts: number;
        };
        resolve({
          result: {
            rps: r.requests.average,
            p50: r.latency.p50,
            p99: r.latency.p99,
            non2xx: r.non2xx,
            errors: r.errors + r.timeouts,
            total: r.requests.total,
          },
          served: r.requests.total + (r.warmup?.requests.total ?? 0),
        });
      },
    );
  });
}

const BenchBody = z.object({ name: z.string().min(1).max(100), count: z.number().int().min(0) });

async function keizoku(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const { app, close } = await benchApp();
  // Bench only: a public POST that validates a small JSON body and answers from its schema.
  app.post(
    '/api/v1/bench/echo',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        body: BenchBody,
        response: { 200: z.object({ ok: z.literal(true), length: z.number().int() }) },
      },
    },
    async (request) => ({
      ok: true as const,
      length: (request.body as z.infer<typeof BenchBody>).name.length,
    }),
  );
  await app.ready();
  return { app, close };
}

const fmt = (n: number, w = 7) => n.toFixed(0).padStart(w);

async function main() {
  const bare = bareServer();
  const bareUrl = await listen(bare);
  const k = await keizoku();
  try {
    const url = await k.app.listen({ port: 0, host: '127.0.0.1' });
    const t = { app: k.app, db: k.app.db, config: k.app.config, close: async () => {} };
    const owner = await createOrgWithUser(t, 'owner', 'Bench Org');
    for (let i = 1; i <= 5; i++) {
      const res = await owner.client.post('/api/v1/inventory/systems', { name: `業務システム${i}` });
      if (res.statusCode !== 201) throw new Error(`system ${i} → ${res.statusCode} ${res.body}`);
    }
    const sessionCookie = [...owner.client.cookies].map(([n, v]) => `${n}=${v}`).join('; ');

    // A visitor's CSRF secret cookie and token, as the web app gets them before its first POST.
    const visitor = new TestClient(k.app);
    const csrf = await visitor.csrfToken();
    const visitorCookie = [...visitor.cookies].map(([n, v]) => `${n}=${v}`).join('; ');

    const all: Target[] = [
      { label: 'keizoku GET /healthz', url: `${url}/healthz`, limits: ANSWER_PATH },
      {
        label: 'GET /api/v1/inventory/systems (5, signed in)',
        url: `${url}/api/v1/inventory/systems`,
        headers: { cookie: sessionCookie },
      },
      {
        label: 'POST /api/v1/bench/echo (public, JSON, CSRF)',
        url: `${url}/api/v1/bench/echo`,
        method: 'POST',
        headers: { cookie: visitorCookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '本社', count: 3 }),
      },
    ];
    // BENCH_FLOOR_ONLY=healthz (a part of a label) measures only that, e.g. under `node --cpu-prof`.
    const only = process.env.BENCH_FLOOR_ONLY;
    const targets = only ? all.filter((x) => x.label.includes(only)) : all;

    console.log(
      `floor: autocannon in a child process, ${CONNECTIONS} connections, ${DURATION_S} s each after ${WARMUP_S} s warm-up, 127.0.0.1, ${os.cpus().length} CPUs`,
    );
    const first = await load({ label: 'bare', url: bareUrl });
    const results: [Target, Result][] = [];
    for (const target of targets) results.push([target, await load(target)]);
    // With BENCH_FLOOR_ONLY (a profile), the run ends on the target: its samples are the last ones.
    const last = only ? first : await load({ label: 'bare', url: bareUrl });
    const base = (first.rps + last.rps) / 2;
    const baseCpu = (first.cpuUs + last.cpuUs) / 2;
    console.log(
      `     ${'bare node:http (first and last run, mean)'.padEnd(55)} ${fmt(base)} req/s  p50 ${String(first.p50).padStart(3)} ms  p99 ${String(first.p99).padStart(3)} ms  CPU ${baseCpu.toFixed(0).padStart(4)} µs/req  (first ${fmt(first.rps, 0)}, last ${fmt(last.rps, 0)} req/s)`,
    );

    let failed = false;
    for (const [target, r] of results) {
      const ratio = r.rps / base;
      const clean = r.errors === 0 && r.non2xx === 0 && r.total > 0;
      const ok =
        clean && (!target.limits || (ratio >= target.limits.minRatio && r.p99 <= target.limits.maxP99));
      failed ||= !ok;
      const limit = target.limits
        ? `≥ ${target.limits.minRatio}× bare, p99 ≤ ${target.limits.maxP99} ms`
        : 'no errors, every answer 2xx';
      const problems = clean ? '' : `  ${r.non2xx} non-2xx, ${r.errors} errors`;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${target.label.padEnd(55)} ${fmt(r.rps)} req/s  p50 ${String(r.p50).padStart(3)} ms  p99 ${String(r.p99).padStart(3)} ms  CPU ${r.cpuUs.toFixed(0).padStart(4)} µs/req  ${ratio.toFixed(2)}× bare (CPU ${(baseCpu / r.cpuUs).toFixed(2)}×)${problems}  (limit ${limit})`,
      );
    }
    if (failed) {
      console.log('FAIL: at least one figure is over its limit');
      process.exitCode = 1;
    }
  } finally {
    bare.close();
    await k.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
