import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as OTPAuth from 'otpauth';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import type { CliIO } from '../cli/io.js';
import { runCli } from '../cli.js';
import { loadConfig } from '../config.js';
import { demoOwnerLogin } from '../modules/demo/content.js';
import { childDatabaseEnvs, openChildDb, TEST_ENGINE, TestClient, tempDirs } from '../test/harness.js';

/**
 * keizoku's own backups on the engine under test: a bundle holds everything needed to come back
 * on a new machine (database, secret key, audit checkpoint), and nothing in it is world-readable.
 */

const API = '/api/v1';
const tempDir = tempDirs('keizoku-bk-');
/** A fresh place for keizoku's data on the engine under test: a data directory (+ an empty PG database). */
const freshEnv = childDatabaseEnvs();

async function run(argv: string[], env: Record<string, string>) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIO = {
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    env: { LOG_LEVEL: 'silent', ...env },
    stdinIsTty: false,
    readStdin: async () => '',
  };
  const code = await runCli(argv, io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n'), all: [...stdout, ...stderr].join('\n') };
}

const totpFor = (secret: string, offsetSeconds = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSeconds * 1000,
  });

/** The app over a data directory / database, as `keizoku serve` would build it (no listening). */
async function appOn(env: Record<string, string>) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  const db = openChildDb(env);
  const app = await buildApp({ db, config, logger: false, webRoot: '/nonexistent' });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

const sqliteIn = (env: Record<string, string>) => path.join(env.DATA_DIR ?? '', 'keizoku.sqlite');

/** The demo, with two-step login turned on for its owner; returns the owner's TOTP secret. */
async function demoWithTotp(env: Record<string, string>): Promise<{ secret: string; recovery: string[] }> {
  expect((await run(['demo'], env)).code).toBe(0);
  const s = await appOn(env);
  try {
    const owner = demoOwnerLogin();
    const c = new TestClient(s.app);
    const login = await c.post(`${API}/auth/login`, { email: owner.email, password: owner.password });
    expect(login.statusCode, login.body).toBe(200);
    const { secret } = (await c.post(`${API}/me/mfa/setup`)).json();
    const enabled = await c.post(`${API}/me/mfa/enable`, { code: totpFor(secret) });
    expect(enabled.statusCode, enabled.body).toBe(200);
    return { secret, recovery: enabled.json().recoveryCodes };
  } finally {
    await s.close();
  }
}

/** Password, then a TOTP code: the status of the second step. */
async function loginWithTotp(env: Record<string, string>, code: string) {
  const s = await appOn(env);
  try {
    const owner = demoOwnerLogin();
    const c = new TestClient(s.app);
    const first = await c.post(`${API}/auth/login`, { email: owner.email, password: owner.password });
    expect(first.json()).toEqual({ mfaRequired: true });
    const second = await c.post(`${API}/auth/mfa/verify`, { code });
    return { status: second.statusCode, body: second.json() as { code?: string } };
  } finally {
    await s.close();
  }
}

const fileLine = (out: string, label: string) => {
  const m = out.match(new RegExp(`^\\s*${label}:\\s+(.+)$`, 'm'));
  if (!m?.[1]) throw new Error(`no "${label}:" line in:\n${out}`);
  return m[1].trim();
};

describe(`backup and restore on ${TEST_ENGINE}`, { timeout: 180_000 }, () => {
  it('restores from the bundle alone on a fresh machine, and two-step login still works (defect 4)', async () => {
    const source = await freshEnv();
    const { secret } = await demoWithTotp(source);
    const b = await run(['backup'], source);
    expect(b.code, b.all).toBe(0);
    const bundle = fileLine(b.out, 'file');

    const target = await freshEnv();
    const r = await run(['restore', bundle], target);
    expect(r.code, r.all).toBe(0);
    expect(r.out).toContain('audit trail verified: OK');
    expect(r.out).toMatch(/two-step login secret decrypted/i);

    const res = await loginWithTotp(target, totpFor(secret, 30));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('answers a clear error, not 500, when a two-step secret cannot be decrypted; a recovery code still works', async () => {
    const env = await freshEnv();
    const { secret, recovery } = await demoWithTotp(env);
    // What the old restore left: the database on a machine whose data directory has another key.
    const moved: Record<string, string> = { ...env, DATA_DIR: path.join(tempDir(), 'data') };
    if (TEST_ENGINE === 'sqlite') {
      fs.mkdirSync(moved.DATA_DIR ?? '');
      fs.copyFileSync(sqliteIn(env), sqliteIn(moved));
    }

    const res = await loginWithTotp(moved, totpFor(secret));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('mfa_secret_unreadable');
    const rescue = await loginWithTotp(moved, recovery[0] ?? '');
    expect(rescue.status).toBe(200);

    // The other way out: whoever runs the server turns two-step login off for the account.
    const owner = demoOwnerLogin();
    const reset = await run(['mfa-reset', '--email', owner.email], moved);
    expect(reset.code, reset.all).toBe(0);
    expect(reset.out).toContain('Two-step login is off');
    const s = await appOn(moved);
    try {
      const c = new TestClient(s.app);
      const login = await c.post(`${API}/auth/login`, { email: owner.email, password: owner.password });
      expect(login.json()).toEqual({ mfaRequired: false });
    } finally {
      await s.close();
    }
    expect((await run(['mfa-reset', '--email', owner.email], moved)).code).toBe(1);
  });

  it('creates the database, its journal files and backups readable by their owner only (defect 9)', async () => {
    const env = await freshEnv();
    expect((await run(['demo'], env)).code).toBe(0);
    const b = await run(['backup'], env);
    expect(b.code, b.all).toBe(0);
    const bundle = fileLine(b.out, 'file');
    const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
    expect(mode(bundle)).toBe('600');
    expect(mode(path.dirname(bundle))).toBe('700');
    expect(mode(fileLine(b.out, 'checkpoint'))).toBe('600');
    expect(mode(path.join(env.DATA_DIR ?? '', 'secret.key'))).toBe('600');
    if (TEST_ENGINE === 'sqlite') {
      expect(mode(env.DATA_DIR ?? '')).toBe('700');
      const s = await appOn(env);
      try {
        for (const f of ['', '-wal', '-shm']) expect(mode(`${sqliteIn(env)}${f}`), f).toBe('600');
      } finally {
        await s.close();
      }
      const target = await freshEnv();
      expect((await run(['restore', bundle], target)).code).toBe(0);
      expect(mode(sqliteIn(target))).toBe('600');
    }
  });

  it('audit verify --checkpoint finds the newest entries deleted together with the head (defect 13)', async () => {
    const env = await freshEnv();
    expect((await run(['demo'], env)).code).toBe(0);
    const b = await run(['backup'], env);
    expect(b.code, b.all).toBe(0);
    const checkpoint = fileLine(b.out, 'checkpoint');

    // Truncate the demo organization's chain by three entries and rewind its head to match.
    const db = openChildDb(env);
    const org = await db.kysely.selectFrom('organizations').select(['id', 'name']).executeTakeFirstOrThrow();
    try {
      const head = await db.kysely
        .selectFrom('audit_heads')
        .selectAll()
        .where('chain', '=', org.id)
        .executeTakeFirstOrThrow();
      await db.kysely
        .deleteFrom('audit_log')
        .where('org_id', '=', org.id)
        .where('seq', '>', head.seq - 3)
        .execute();
      const tip = await db.kysely
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .where('org_id', '=', org.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      await db.kysely
        .updateTable('audit_heads')
        .set({ seq: tip.seq, hash: tip.hash })
        .where('chain', '=', org.id)
        .execute();
    } finally {
      await db.close();
    }
    // Without the checkpoint nothing can tell: the shortened chain is consistent.
    expect((await run(['audit', 'verify'], env)).code).toBe(0);

    const v = await run(['audit', 'verify', '--checkpoint', checkpoint], env);
    expect(v.code, v.all).toBe(1);
    expect(v.out).toContain(org.name);
    expect(v.out).toMatch(/3 audit entries .*missing/);

    // An altered checkpoint is not trusted.
    const forged = path.join(tempDir(), 'forged.json');
    fs.writeFileSync(forged, fs.readFileSync(checkpoint, 'utf8').replace(/"seq":\s*(\d+)/, '"seq": 1'));
    const f = await run(['audit', 'verify', '--checkpoint', forged], env);
    expect(f.code).toBe(1);
    expect(f.all).toMatch(/altered|another secret key/);
  });
});

// Whole backups and restores (scrypt for the passphrase, pg_dump/pg_restore, a child process):
// seconds each on a quiet machine, over a minute on a loaded 2-core CI runner. The tests check what
// the files hold, not how fast, so they get room.
describe(`backup bundles on ${TEST_ENGINE}: encryption, damage, interruption`, { timeout: 240_000 }, () => {
  const PASSPHRASE = 'correct horse battery staple for backups';

  it('encrypts the whole bundle with the passphrase from the environment and restores it on a fresh machine', async () => {
    const source = await freshEnv();
    const { secret } = await demoWithTotp(source);
    const b = await run(['backup'], { ...source, KEIZOKU_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(b.code, b.all).toBe(0);
    expect(b.all).not.toContain(PASSPHRASE);
    const bundle = fileLine(b.out, 'file');
    expect(bundle).toMatch(/\.tar\.gz\.age$/);
    expect(fs.readFileSync(bundle).subarray(0, 21).toString()).toBe('age-encryption.org/v1');
    // Nothing readable inside: not the key, not the data.
    const key = fs.readFileSync(path.join(source.DATA_DIR ?? '', 'secret.key'), 'utf8').trim();
    expect(fs.readFileSync(bundle).includes(Buffer.from(key))).toBe(false);

    const noPass = await run(['restore', bundle], await freshEnv());
    expect(noPass.code).toBe(1);
    expect(noPass.err).toContain('is encrypted: set KEIZOKU_BACKUP_PASSPHRASE');
    const wrongTarget = await freshEnv();
    const wrong = await run(['restore', bundle], {
      ...wrongTarget,
      KEIZOKU_BACKUP_PASSPHRASE: 'not it at all',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('does not open');
    expect(fs.existsSync(sqliteIn(wrongTarget))).toBe(false);

    const target = await freshEnv();
    const r = await run(['restore', bundle], { ...target, KEIZOKU_BACKUP_PASSPHRASE: PASSPHRASE });
    expect(r.code, r.all).toBe(0);
    expect(r.all).not.toContain(PASSPHRASE);
    expect((await loginWithTotp(target, totpFor(secret, 30))).status).toBe(200);
  });

  it('refuses a bundle whose part does not match its SHA-256, and leaves the target empty', async () => {
    const env = await freshEnv();
    expect((await run(['demo'], env)).code).toBe(0);
    const bundle = fileLine((await run(['backup'], env)).out, 'file');
    // Unpack, change one byte of the key, pack again with the old manifest.
    const work = tempDir();
    const tar = await import('tar');
    await tar.x({ file: bundle, cwd: work });
    const keyFile = path.join(work, 'secret.key');
    const k = fs.readFileSync(keyFile, 'utf8');
    fs.writeFileSync(keyFile, (k[0] === 'A' ? 'B' : 'A') + k.slice(1));
    const damaged = path.join(work, 'damaged.tar.gz');
    await tar.c(
      { file: damaged, cwd: work, gzip: true },
      fs.readdirSync(work).filter((f) => f !== 'damaged.tar.gz'),
    );

    const target = await freshEnv();
    const r = await run(['restore', damaged], target);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is damaged: the SHA-256 of secret.key does not match the manifest');
    expect(fs.existsSync(sqliteIn(target))).toBe(false);
    expect(fs.existsSync(path.join(target.DATA_DIR ?? '', 'secret.key'))).toBe(false);

    // A bundle cut short is refused too.
    const cut = path.join(work, 'cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(bundle).subarray(0, Math.floor(fs.statSync(bundle).size / 2)));
    const c = await run(['restore', cut], await freshEnv());
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/incomplete or damaged/);
  });

  it('a backup killed with SIGKILL half-way leaves earlier bundles intact and nothing that looks complete', async () => {
    const env = await freshEnv();
    expect((await run(['demo'], env)).code).toBe(0);
    const first = await run(['backup'], env);
    expect(first.code, first.all).toBe(0);
    const previous = fileLine(first.out, 'file');
    const previousBytes = fs.readFileSync(previous);
    const backups = path.dirname(previous);

    // Enough data that writing the bundle takes a few seconds.
    const db = openChildDb(env);
    try {
      if (db.engine === 'sqlite') {
        db.sqlite?.exec(`create table ballast (b blob);
          with recursive n(i) as (select 1 union all select i + 1 from n where i < 120)
          insert into ballast select randomblob(1048576) from n;`);
      } else {
        const { sql } = await import('kysely');
        await sql`create table ballast as select md5(random()::text) || md5(random()::text) as b
          from generate_series(1, 1500000)`.execute(db.kysely);
      }
    } finally {
      await db.close();
    }

    const bin = path.resolve(import.meta.dirname, '../../../bin/keizoku.js');
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [bin, 'backup'], {
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), LOG_LEVEL: 'silent', ...env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    // Wait until the archive is being written, then kill the process outright.
    const partialStarted = () =>
      fs
        .readdirSync(backups)
        .some((f) => f.endsWith('.partial') && fs.statSync(path.join(backups, f)).size > 0);
    // A loaded runner may take a minute to start the CLI; wait by the clock, not by a count of polls.
    const waitUntil = Date.now() + 150_000;
    while (Date.now() < waitUntil && !partialStarted()) await new Promise((r) => setTimeout(r, 50));
    expect(partialStarted()).toBe(true);
    child.kill('SIGKILL');
    await exited;

    // The earlier bundle is untouched; nothing else carries a bundle's name.
    const { isBundleName } = await import('./bundle.js');
    expect(fs.readdirSync(backups).filter(isBundleName)).toEqual([path.basename(previous)]);
    expect(fs.readFileSync(previous).equals(previousBytes)).toBe(true);
    const r = await run(['restore', previous], await freshEnv());
    expect(r.code, r.all).toBe(0);

    // What the killed run left behind is hidden, and swept by a later backup once it is old.
    const { removeStaleLeftovers } = await import('./bundle.js');
    const leftovers = fs.readdirSync(backups).filter((f) => f.startsWith('.'));
    expect(leftovers.length).toBeGreaterThan(0);
    expect(removeStaleLeftovers(backups)).toEqual([]);
    expect(removeStaleLeftovers(backups, 0).length).toBe(leftovers.length);
  }, 420_000);
});
