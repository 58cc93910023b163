import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Role } from '../../domain/organization.js';
import { buildApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { type Db, openDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { newId } from '../ids.js';
import { insertMembership, insertOrganization, insertUser } from '../modules/auth/repo.js';
import { hashPassword } from '../security/passwords.js';
import { createSession, SESSION_COOKIE } from '../security/sessions.js';
import { unplacedAuditFields, untitledAuditActions, untranslatedAuditCatalog } from './audit-fields.js';

/** 'pg' when the suite runs against PostgreSQL (`npm run test:pg`), else the embedded SQLite. */
export const TEST_ENGINE = process.env.KEIZOKU_TEST_ENGINE === 'pg' ? 'pg' : 'sqlite';

export interface TestDb {
  db: Db;
  /** The PostgreSQL URL of this database (pg_dump needs it); undefined on SQLite. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: a temp SQLite file, or a new PostgreSQL database per call. Dropping
 * it fails when the tests wrote an audit field that is neither kept nor secret, or an action the
 * audit page has no title for (audit-fields.ts).
 */
export async function createTestDb(): Promise<TestDb> {
  const testDb = await createEmptyTestDb();
  return {
    ...testDb,
    drop: async () => {
      let unplaced: string[];
      let untitled: string[];
      try {
        unplaced = await unplacedAuditFields(testDb.db.kysely);
        untitled = [...(await untitledAuditActions(testDb.db.kysely)), ...untranslatedAuditCatalog()];
      } finally {
        await testDb.drop();
      }
      if (unplaced.length > 0) {
        throw new Error(
          `Audited fields neither kept nor secret (place each in src/server/test/audit-fields.ts or src/server/secret-fields.ts): ${unplaced.join(', ')}`,
        );
      }
      if (untitled.length > 0) {
        throw new Error(
          `Audited actions, entity types or fields without a title or label on the audit page (add to src/web/i18n/locales/features/audit.*.json): ${untitled.join(', ')}`,
        );
      }
    },
  };
}

/**
 * A fresh database for the tests of this file (made before them, dropped and checked after):
 * `const t = withTestDb();` at the top, then `t.db` in the tests.
 */
export function withTestDb(): Pick<TestDb, 'db'> {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(async () => {
    await testDb?.drop();
  });
  return {
    get db(): Db {
      if (!testDb) throw new Error('The database is made in beforeAll: use it inside a test or a hook');
      return testDb.db;
    },
  };
}

async function createEmptyTestDb(): Promise<TestDb> {
  if (TEST_ENGINE === 'pg') {
    const { name, url } = await createPgDatabase('keizoku_t_');
    const db = openDb({ databaseUrl: url });
    await migrateToLatest(db);
    return {
      db,
      url,
      drop: async () => {
        await db.close();
        await dropPgDatabase(name);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-test-'));
  const db = openDb({ sqlitePath: path.join(dir, 'keizoku.sqlite') });
  await migrateToLatest(db);
  return {
    db,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function pgAdminUrl(): string {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL must be set for the PostgreSQL suite');
  return adminUrl;
}

/** A new, empty PostgreSQL database on the suite's server: its name and URL. */
async function createPgDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const adminUrl = pgAdminUrl();
  const name = `${prefix}${newId().replaceAll('-', '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function dropPgDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: pgAdminUrl() });
  await c.connect();
  try {
    // FORCE ends our own leftover sessions, but not an autovacuum worker that PostgreSQL
    // started on the new database after a big write (42501 for a role without
    // pg_signal_backend): wait for it to finish, a few seconds at most.
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== '42501' || attempt >= 40) throw err;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await c.end();
  }
}

/**
 * Temporary directories for the tests of this file, removed after them:
 * `const tempDir = tempDirs('keizoku-bk-');` at the top, then `tempDir()` in the tests.
 */
export function tempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  return () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(d);
    return d;
  };
}

/**
 * Fresh places for the keizoku processes a test runs (the CLI, a `keizoku serve` child) on the engine
 * under test: each call gives `DATA_DIR` (a new data directory) and, on PostgreSQL, `DATABASE_URL`
 * (a new, empty database: the process migrates it). All are removed after the tests of this file.
 */
export function childDatabaseEnvs(): () => Promise<Record<string, string>> {
  const tempDir = tempDirs('keizoku-child-');
  const databases: string[] = [];
  afterAll(async () => {
    for (const name of databases) await dropPgDatabase(name);
  });
  return async () => {
    const env: Record<string, string> = { DATA_DIR: path.join(tempDir(), 'data') };
    if (TEST_ENGINE === 'pg') {
      const { name, url } = await createPgDatabase('keizoku_t_child_');
      databases.push(name);
      env.DATABASE_URL = url;
    }
    return env;
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (for a `keizoku serve` child). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The database a keizoku process over `env` (from `childDatabaseEnvs`) uses. */
export const openChildDb = (env: Record<string, string>): Db =>
  openDb(
    env.DATABASE_URL
      ? { databaseUrl: env.DATABASE_URL }
      : { sqlitePath: path.join(env.DATA_DIR ?? '', 'keizoku.sqlite') },
  );

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const testDb = await createTestDb();
  const config = {
    ...loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: os.tmpdir() }),
    databaseUrl: testDb.url,
    ...overrides,
  };
  const app = await buildApp({ db: testDb.db, config, logger: false, webRoot: '/nonexistent' });
  await app.ready();
  return {
    app,
    db: testDb.db,
    config,
    close: async () => {
      await app.close();
      await testDb.drop();
    },
  };
}

type Body = InjectOptions['payload'];

/**
 * A browser-like client over real HTTP handling (app.inject): keeps cookies, fetches and sends the
 * CSRF token on unsafe methods, and parses JSON answers.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(private readonly app: FastifyInstance) {}

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) {
      const res = await this.request('GET', '/api/v1/auth/csrf');
      this.csrf = (res.json() as { token: string }).token;
    }
    return this.csrf;
  }

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const unsafe = method !== 'GET' && method !== 'HEAD';
    const h: Record<string, string> = { ...headers };
    if (unsafe && !('x-csrf-token' in h)) h['x-csrf-token'] = await this.csrfToken();
    if (this.cookies.size) h.cookie = this.cookieHeader();
    const res = await this.app.inject({ method, url, payload: body, headers: h });
    this.remember(res);
    return res;
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  put = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('PUT', url, body ?? {}, headers);
  patch = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('PATCH', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}

/** Expects `value` to be a time the server just stamped: UTC ISO-8601 text within the last minute. */
export function expectJustNow(value: unknown): void {
  expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  const age = Date.now() - Date.parse(String(value));
  expect(age).toBeGreaterThanOrEqual(-1000);
  expect(age).toBeLessThan(60_000);
}

export const TEST_PASSWORD = 'correct horse battery staple';

export interface OrgFixture {
  orgId: string;
  userId: string;
  email: string;
  client: TestClient;
}

let seq = 0;

/** A fresh organization with one user of the given role, logged in (session cookie set). */
export async function createOrgWithUser(
  t: TestApp,
  role: Role = 'owner',
  orgName?: string,
): Promise<OrgFixture> {
  const orgId = newId();
  await insertOrganization(t.db.kysely, orgId, orgName ?? `Test Org ${++seq}`);
  return { orgId, ...(await addUserToOrg(t, orgId, role)) };
}

/** A new user with a role in an existing organization, logged in. */
export async function addUserToOrg(
  t: TestApp,
  orgId: string,
  role: Role,
): Promise<{ userId: string; email: string; client: TestClient }> {
  const userId = newId();
  const email = `user${++seq}-${userId.slice(-6)}@example.test`;
  await insertUser(t.db.kysely, userId, {
    email,
    displayName: `User ${seq}`,
    passwordHash: await hashPassword(TEST_PASSWORD),
    locale: 'ja',
  });
  await insertMembership(t.db.kysely, orgId, userId, role);
  const client = new TestClient(t.app);
  const token = await createSession(t.db, userId, { verified: true, orgId });
  client.setCookie(SESSION_COOKIE, token);
  return { userId, email, client };
}

/** Puts an existing user into another organization (an advisor who serves several), not logged in there. */
export async function joinOrg(t: TestApp, orgId: string, userId: string, role: Role): Promise<void> {
  await insertMembership(t.db.kysely, orgId, userId, role);
}

// --- One app per test file ------------------------------------------------------------------------

/** The app of `withTestApp`: started in beforeAll, closed in afterAll; read it inside tests and hooks. */
class HookedTestApp implements TestApp {
  private started: TestApp | undefined;

  constructor(overrides: Partial<Config>) {
    beforeAll(async () => {
      this.started = await createTestApp(overrides);
    });
    afterAll(async () => {
      const started = this.started;
      this.started = undefined;
      await started?.close();
    });
  }

  private get current(): TestApp {
    if (!this.started) throw new Error('The test app starts in beforeAll: use it inside a test or a hook');
    return this.started;
  }

  get app(): FastifyInstance {
    return this.current.app;
  }

  get db(): Db {
    return this.current.db;
  }

  get config(): Config {
    return this.current.config;
  }

  async close(): Promise<void> {
    const started = this.current;
    this.started = undefined;
    await started.close();
  }
}

/**
 * The app (on a fresh database of the engine under test) for the tests of this file or `describe`
 * block: `const t = withTestApp();` at the top, then `createOrgWithUser(t)` and `t.db` in the tests.
 */
export function withTestApp(overrides: Partial<Config> = {}): TestApp {
  return new HookedTestApp(overrides);
}

export interface OwnerApp extends TestApp {
  /** An organization and its owner, signed in, made once for the whole file. */
  readonly owner: OrgFixture;
}

class HookedOwnerApp extends HookedTestApp implements OwnerApp {
  private fixture: OrgFixture | undefined;

  constructor(overrides: Partial<Config>) {
    super(overrides);
    beforeAll(async () => {
      this.fixture = await createOrgWithUser(this, 'owner');
    });
  }

  get owner(): OrgFixture {
    if (!this.fixture) throw new Error('The owner is made in beforeAll: use it inside a test or a hook');
    return this.fixture;
  }
}

/** `withTestApp` with one organization and its signed-in owner shared by the file's tests (`t.owner`). */
export function withOwnerApp(overrides: Partial<Config> = {}): OwnerApp {
  return new HookedOwnerApp(overrides);
}

// --- Client addresses and the audit trail -----------------------------------------------------------

/**
 * Settings for an app behind a reverse proxy on loopback, where app.inject connects from: the app
 * then takes the client address from X-Forwarded-For (see `nextClientAddress`).
 */
export const BEHIND_LOOPBACK_PROXY = { trustProxy: ['127.0.0.1'] } satisfies Partial<Config>;

let addressSeq = 0;
/** A new client address on each call (TEST-NET-2), so per-address rate limits stay out of the way. */
export const nextClientAddress = (): string => `198.51.100.${(++addressSeq % 250) + 1}`;

export interface AuditFilter {
  orgId?: string;
  entityId?: string;
  entityType?: string;
  /** An action (`site.create`), or a prefix ending in `%` (`damage.%`). */
  action?: string;
}

export interface AuditRecord {
  action: string;
  orgId: string | null;
  entityType: string;
  entityId: string | null;
  actorUserId: string | null;
  /** The entry's summary (before, after, via, …), decoded. */
  summary: Record<string, unknown>;
}

/** The audit entries that match, oldest first (one organization's: in the order of its chain). */
export async function auditEntries(t: Pick<TestApp, 'db'>, filter: AuditFilter): Promise<AuditRecord[]> {
  let q = t.db.kysely.selectFrom('audit_log').selectAll();
  if (filter.orgId !== undefined) q = q.where('org_id', '=', filter.orgId);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
  if (filter.entityType !== undefined) q = q.where('entity_type', '=', filter.entityType);
  if (filter.action?.endsWith('%')) q = q.where('action', 'like', filter.action);
  else if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  // seq orders one organization's chain; across chains, the time they were written.
  const rows = await (filter.orgId === undefined ? q.orderBy('at') : q).orderBy('seq').execute();
  return rows.map((r) => ({
    action: r.action,
    orgId: r.org_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    actorUserId: r.actor_user_id,
    summary: JSON.parse(r.summary) as Record<string, unknown>,
  }));
}

/** The actions of the audit entries that match, oldest first. */
export async function auditActions(t: Pick<TestApp, 'db'>, filter: AuditFilter): Promise<string[]> {
  return (await auditEntries(t, filter)).map((e) => e.action);
}

/**
 * A value for each path parameter that its schema accepts, so a route reaches its body checks:
 * an id is a well-formed id nobody has; a word from a fixed list is one of the list.
 */
const PARAM_SAMPLES: Readonly<Record<string, string>> = { incident: 'earthquake', number: '1' };

/** A route's URL with every `:param` filled by a value its schema accepts (see PARAM_SAMPLES). */
export function concreteUrl(url: string, values: Readonly<Record<string, string>> = {}): string {
  return url.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? PARAM_SAMPLES[name] ?? '0190a000-0000-7000-8000-000000000000'),
  );
}

/** A log destination that keeps each line written to it (for tests that read what was logged). */
export function collectedLines(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}
