/**
 * Inventory list benchmark (issue 3, PRODUCT non-functional targets): 10,000 systems in a fresh
 * temporary SQLite database, then GET /api/v1/inventory/systems paged through with limit 100 via
 * app.inject (routing, auth, validation, SQL, presenting and serialization included). Prints the
 * p50/p95 per page in ms for the default sort (name) and a descending sort with a filter, each
 * with a ratio to GET /healthz measured in the same run. FAIL (exit 1) when a p95 exceeds 50 ms.
 *
 * Run: npm run bench:inventory
 */

import { HOSTINGS } from '../src/domain/inventory.js';
import { newId, nowIso } from '../src/server/ids.js';
import { createOrgWithUser, createTestApp } from '../src/server/test/harness.js';

const SYSTEMS = 10_000;
const LIMIT = 100;
const P95_LIMIT_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (n: number) => n.toFixed(2).padStart(7);

async function main() {
  process.env.KEIZOKU_TEST_ENGINE = 'sqlite';
  const t = await createTestApp();
  try {
    const owner = await createOrgWithUser(t, 'owner', 'Bench Org');
    const now = nowIso();
    const rows = Array.from({ length: SYSTEMS }, (_, i) => ({
      id: newId(),
      org_id: owner.orgId,
      name: `システム ${String((i * 7919) % SYSTEMS).padStart(5, '0')}`,
      description: i % 10 === 0 ? '会員データを扱う' : null,
      owner_person_id: null,
      owner_text: `担当 ${i % 50}`,
      vendor: `vendor-${i % 200}`,
      hosting: HOSTINGS[i % HOSTINGS.length]!,
      data_location: null,
      eol_date: i % 3 === 0 ? `20${20 + (i % 15)}-03-31` : null,
      dependency_level: 1 + (i % 3),
      declared_rto: null,
      archived_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    }));
    for (let i = 0; i < rows.length; i += 1000)
      await t.db.kysely
        .insertInto('it_systems')
        .values(rows.slice(i, i + 1000))
        .execute();

    const baseline: number[] = [];
    for (let i = 0; i < 200; i++) {
      const s = performance.now();
      await t.app.inject('/healthz');
      baseline.push(performance.now() - s);
    }
    baseline.sort((a, b) => a - b);
    const base50 = percentile(baseline, 50);

    const scenarios = [
      { label: 'sort=name', query: '' },
      { label: 'sort=-updatedAt&hosting=cloud', query: '&sort=-updatedAt&hosting=cloud' },
    ];
    let failed = false;
    console.log(`inventory list: ${SYSTEMS} systems, limit ${LIMIT}, SQLite (temp file)`);
    console.log(`baseline GET /healthz p50 ${fmt(base50)} ms`);
    for (const sc of scenarios) {
      // Warm up once (statement caches, JIT), then measure a full pass.
      for (const measure of [false, true]) {
        const times: number[] = [];
        let cursor: string | null = null;
        let seen = 0;
        do {
          const url = `/api/v1/inventory/systems?limit=${LIMIT}${sc.query}${cursor ? `&cursor=${cursor}` : ''}`;
          const s = performance.now();
          const res = await owner.client.get(url);
          times.push(performance.now() - s);
          if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          const body = res.json() as { items: unknown[]; nextCursor: string | null };
          seen += body.items.length;
          cursor = body.nextCursor;
        } while (cursor);
        if (!measure) continue;
        times.sort((a, b) => a - b);
        const p50 = percentile(times, 50);
        const p95 = percentile(times, 95);
        const ok = p95 <= P95_LIMIT_MS;
        if (!ok) failed = true;
        console.log(
          `${sc.label.padEnd(32)} pages ${String(times.length).padStart(4)}  rows ${String(seen).padStart(6)}  ` +
            `p50 ${fmt(p50)} ms  p95 ${fmt(p95)} ms  (p50 ×${(p50 / base50).toFixed(1)} baseline)  ` +
            `${ok ? 'ok' : `FAIL (p95 > ${P95_LIMIT_MS} ms)`}`,
        );
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    await t.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
