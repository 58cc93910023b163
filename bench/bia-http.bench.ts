/**
 * BIA over HTTP benchmark (issue 3): the synthetic organization of bench/synthetic-org.ts
 * (10,000 systems, 50,000 edges) written to a fresh temporary SQLite database, then the app is
 * asked in-process (app.inject: routing, auth, validation, SQL, derivation, serialization):
 *   - GET /api/v1/bia and GET /api/v1/bia/impact (the node whose failure stops the most),
 *     cold = the first read after a write (an operation's importance changed over HTTP), and
 *     warm = the same read repeated with nothing changed; GET /bia also without compression and
 *     revalidated with If-None-Match (what a browser does on a refetch);
 *   - each with its response size, and as a ratio to one page of GET /api/v1/inventory/systems
 *     (limit 100) measured in the same run.
 * FAIL (exit 1) when a warm median exceeds 100 ms or a cold median exceeds 1,000 ms.
 *
 * Run: npm run bench:bia-http
 */

import { gunzipSync } from 'node:zlib';
import {
  buildDependencyGraph,
  deriveRequirements,
  failureImpact,
  type NodeKind,
} from '../src/domain/dependency-graph.js';
import { createOrgWithUser, createTestApp, type OrgFixture } from '../src/server/test/harness.js';
import { type SyntheticOrganization, syntheticOrganization } from './synthetic-org.js';
import { writeOrganization } from './synthetic-org-db.js';

const WARM_LIMIT_MS = 100;
const COLD_LIMIT_MS = 1_000;
const WARM_RUNS = 20;
const COLD_RUNS = 5;
const API = '/api/v1';

/** The non-operation node whose failure stops the most (worst case for the impact query). */
function widestImpactTarget(org: SyntheticOrganization): { id: string; kind: NodeKind; reach: number } {
  const built = buildDependencyGraph(org.nodes, org.edges);
  if (!built.ok) throw new Error('synthetic graph invalid');
  const d = deriveRequirements(built.graph, org.input);
  let best = { id: '', kind: 'system' as NodeKind, reach: -1 };
  for (const n of org.nodes) {
    if (n.kind === 'operation') continue;
    const reach = failureImpact(d, n.id)!.nodes.length;
    if (reach > best.reach) best = { id: n.id, kind: n.kind, reach };
  }
  return best;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function timedGet(client: OrgFixture['client'], url: string, headers: Record<string, string> = {}) {
  const s = performance.now();
  const res = await client.get(url, headers);
  const ms = performance.now() - s;
  if (res.statusCode !== 200 && res.statusCode !== 304)
    throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  const zipped = res.headers['content-encoding'] === 'gzip';
  return {
    ms,
    status: res.statusCode,
    etag: res.headers.etag as string | undefined,
    bytes: res.rawPayload.length,
    decoded: zipped ? gunzipSync(res.rawPayload).length : res.rawPayload.length,
  };
}

const fmtMs = (n: number) => n.toFixed(1).padStart(8);
const fmtBytes = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`;

async function main() {
  process.env.KEIZOKU_TEST_ENGINE = 'sqlite';
  const t = await createTestApp();
  try {
    const owner = await createOrgWithUser(t, 'owner', 'Bench Org');
    const org = syntheticOrganization();
    const s0 = performance.now();
    const ids = await writeOrganization(t, owner.orgId, org);
    const target = widestImpactTarget(org);
    console.log(
      `BIA over HTTP: ${org.nodes.length} nodes, ${org.edges.length} edges written to SQLite (temp file) in ${((performance.now() - s0) / 1000).toFixed(1)} s`,
    );

    const baselineUrl = `${API}/inventory/systems?limit=100`;
    const biaUrl = `${API}/bia`;
    const impactUrl = `${API}/bia/impact?nodeType=${target.kind}&nodeId=${ids.get(target.id)}`;
    for (let i = 0; i < 5; i++) await timedGet(owner.client, baselineUrl);
    const baseline = [];
    for (let i = 0; i < WARM_RUNS; i++) baseline.push(await timedGet(owner.client, baselineUrl));
    const base = median(baseline.map((x) => x.ms));
    console.log(
      `baseline GET /inventory/systems?limit=100 median ${fmtMs(base)} ms  ${fmtBytes(baseline[0]!.bytes)}; ` +
        `cold = first read after a write (median of ${COLD_RUNS}), warm = repeated (median of ${WARM_RUNS})`,
    );

    // A real write between cold reads: one operation's importance toggled over HTTP.
    const opId = ids.get('op-0')!;
    let opVersion = 1;
    let importance = org.levels.get('op-0')!.importance;
    const write = async () => {
      importance = importance === 1 ? 2 : 1;
      const res = await owner.client.request(
        'PATCH',
        `${API}/inventory/operations/${opId}`,
        { importance },
        {
          'if-match': `"${opVersion}"`,
        },
      );
      if (res.statusCode !== 200) throw new Error(`write → ${res.statusCode} ${res.body.slice(0, 200)}`);
      opVersion = (res.json() as { version: number }).version;
    };

    const gzip = { 'accept-encoding': 'gzip, deflate' };
    let failed = false;
    const report = (label: string, runs: Awaited<ReturnType<typeof timedGet>>[], limit: number) => {
      const ms = median(runs.map((x) => x.ms));
      const ok = ms <= limit;
      failed ||= !ok;
      const last = runs[runs.length - 1]!;
      const size =
        last.status === 304
          ? '304, no body'
          : last.bytes === last.decoded
            ? fmtBytes(last.bytes)
            : `${fmtBytes(last.bytes)} gzip of ${fmtBytes(last.decoded)}`;
      console.log(
        `${ok ? 'ok  ' : 'FAIL'} ${label.padEnd(50)} median ${fmtMs(ms)} ms  ×${(ms / base).toFixed(1).padStart(6)} baseline  ${size}  (limit ${limit} ms)`,
      );
    };
    const cold = async (url: string, headers: Record<string, string>) => {
      const runs = [];
      for (let i = 0; i < COLD_RUNS; i++) {
        await write();
        runs.push(await timedGet(owner.client, url, headers));
      }
      return runs;
    };
    const warm = async (url: string, headers: (i: number) => Record<string, string>) => {
      const runs = [];
      for (let i = 0; i < WARM_RUNS; i++) runs.push(await timedGet(owner.client, url, headers(i)));
      return runs;
    };

    report('GET /bia cold (after a write; gzip)', await cold(biaUrl, gzip), COLD_LIMIT_MS);
    report('GET /bia warm (gzip, as browsers ask)', await warm(biaUrl, () => gzip), WARM_LIMIT_MS);
    report('GET /bia warm (no compression)', await warm(biaUrl, () => ({})), WARM_LIMIT_MS);
    const etag = (await timedGet(owner.client, biaUrl, gzip)).etag;
    report(
      'GET /bia revalidated (If-None-Match)',
      await warm(biaUrl, () => ({ ...gzip, ...(etag ? { 'if-none-match': etag } : {}) })),
      WARM_LIMIT_MS,
    );
    const impactLabel = `GET /bia/impact (${target.kind}: ${target.reach} nodes hit)`;
    report(`${impactLabel} cold`, await cold(impactUrl, gzip), COLD_LIMIT_MS);
    report(`${impactLabel} warm`, await warm(impactUrl, () => gzip), WARM_LIMIT_MS);
    if (failed) {
      console.log('FAIL: at least one figure is over its limit');
      process.exitCode = 1;
    }
  } finally {
    await t.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
