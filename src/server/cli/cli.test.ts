import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, USAGE } from '../cli.js';
import { loadConfig } from '../config.js';
import { openDb } from '../db/database.js';
import { newId } from '../ids.js';
import { demoContent, demoOwnerLogin } from '../modules/demo/content.js';
import { childDatabaseEnvs, openChildDb, TEST_ENGINE, TestClient, tempDirs } from '../test/harness.js';
import { insertImportJob } from '../test/import-jobs.js';
import type { CliIO } from './io.js';
import { CLI_MESSAGES, cliLang, type MessageKey, translate } from './messages.js';
import { startServer } from './serve.js';

const tempDir = tempDirs('keizoku-cli-');
const freshEnv = childDatabaseEnvs();

interface Captured extends CliIO {
  stdout: string[];
  stderr: string[];
  text(): string;
}

/** A terminal for one command: SQLite under its own data directory unless env says otherwise. */
function io(env: Record<string, string>, stdin = ''): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    text: () => [...stdout, ...stderr].join('\n'),
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    env: { LOG_LEVEL: 'silent', ...env },
    stdinIsTty: false,
    readStdin: async () => stdin,
  };
}

// The API alone: these tests do not need the built web app.
const NO_WEB = '/nonexistent';
const PASSWORD = 'a long enough passphrase 42';

async function run(argv: string[], env: Record<string, string>, stdin?: string) {
  const t = io(env, stdin);
  const code = await runCli(argv, t);
  return { code, out: t.stdout.join('\n'), err: t.stderr.join('\n'), all: t.text() };
}

function sqliteOf(dataDir: string) {
  return openDb({ sqlitePath: path.join(dataDir, 'keizoku.sqlite') });
}

describe('keizoku CLI: usage', () => {
  it('prints help and exits 0; refuses unknown commands and options with exit 2', async () => {
    const env = { DATA_DIR: tempDir() };
    const help = await run(['--help'], env);
    expect(help.code).toBe(0);
    expect(help.out).toBe(USAGE);
    for (const cmd of ['serve', 'migrate', 'create-admin', 'backup', 'restore', 'demo', 'audit verify']) {
      expect(USAGE).toContain(cmd);
    }
    expect((await run(['backup', '--help'], env)).code).toBe(0);
    expect((await run([], env)).code).toBe(2);
    const unknown = await run(['explode'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('There is no command "explode"');
    expect((await run(['backup', '--nope'], env)).code).toBe(2);
    expect((await run(['restore'], env)).code).toBe(2);
    expect((await run(['audit'], env)).code).toBe(2);
    expect((await run(['audit', 'fix'], env)).code).toBe(2);
    // Nothing was created by refused commands.
    expect(fs.existsSync(path.join(env.DATA_DIR, 'keizoku.sqlite'))).toBe(false);
  });
});

describe('keizoku CLI: messages in Japanese and English', () => {
  const placeholders = (s: string) => [...new Set([...s.matchAll(/\{\{(\w+)[|}]/g)].map((m) => m[1]))].sort();

  it('has every key in both languages, not empty, with the same placeholders', () => {
    const keys = Object.keys(CLI_MESSAGES.en) as MessageKey[];
    expect(Object.keys(CLI_MESSAGES.ja).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const [en, ja] = [CLI_MESSAGES.en[key], CLI_MESSAGES.ja[key]];
      expect(en.trim(), key).not.toBe('');
      expect(ja.trim(), key).not.toBe('');
      // Translated, unless the line is only placeholders and punctuation.
      if (/[A-Za-z]{3}/.test(en.replace(/\{\{[^}]*\}\}/g, ''))) expect(ja, key).not.toBe(en);
      expect(placeholders(ja), key).toEqual(placeholders(en));
    }
  });

  it('fills placeholders and English plurals', () => {
    expect(translate('en', 'demo.biaUnsigned', { estimates: 1 })).toBe(
      '  Its BIA has 1 damage estimate and is not signed off.',
    );
    expect(translate('en', 'demo.biaUnsigned', { estimates: 2 })).toContain('2 damage estimates');
    expect(translate('ja', 'demo.biaUnsigned', { estimates: 2 })).toContain('被害見積もりが 2 件');
  });

  it('says the password rules in the same words as the web app', () => {
    for (const lang of ['en', 'ja'] as const) {
      const web = JSON.parse(
        fs.readFileSync(path.resolve(import.meta.dirname, `../../web/i18n/locales/${lang}.json`), 'utf8'),
      ) as { errors: Record<string, string> };
      for (const code of [
        'password_too_short',
        'password_too_common',
        'password_same_as_email',
        'password_too_long',
      ] as const) {
        expect(CLI_MESSAGES[lang][code], `${lang} ${code}`).toBe(web.errors[code]);
      }
    }
  });

  it('chooses the language from KEIZOKU_LANG, else the POSIX locale, else English', () => {
    expect(cliLang({})).toBe('en');
    expect(cliLang({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(cliLang({ LANG: 'ja_JP.UTF-8', LC_ALL: 'C' })).toBe('en');
    expect(cliLang({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' })).toBe('ja');
    expect(cliLang({ LANG: 'ja_JP.UTF-8', KEIZOKU_LANG: 'en' })).toBe('en');
    expect(cliLang({ KEIZOKU_LANG: 'ja' })).toBe('ja');
  });

  it('shows the usage in Japanese and English, and refuses an unknown command in a sentence', async () => {
    const env = { DATA_DIR: tempDir() };
    const en = await run(['--help'], { ...env, KEIZOKU_LANG: 'en' });
    expect(en.out).toContain('Usage: keizoku <command>');
    const ja = await run(['--help'], { ...env, LANG: 'ja_JP.UTF-8' });
    expect(ja.code).toBe(0);
    expect(ja.out).toContain('使い方: keizoku <コマンド>');
    expect(ja.out).toContain('create-admin');
    const unknown = await run(['explode'], { ...env, KEIZOKU_LANG: 'ja' });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('「explode」というコマンドはありません');
    expect(unknown.err).toContain('使い方:');
  });

  it('prints a refused restore (BackupError) in the chosen language', async () => {
    const dir = tempDir();
    const junk = path.join(dir, 'junk.sqlite');
    fs.writeFileSync(junk, 'not a database');
    const env = { DATA_DIR: path.join(dir, 'data') };
    const ja = await run(['restore', junk], { ...env, KEIZOKU_LANG: 'ja' });
    expect(ja.code).toBe(1);
    expect(ja.err).toBe(`${junk} は SQLite のデータベースではありません。`);
    const en = await run(['restore', junk], { ...env, KEIZOKU_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.err).toBe(`${junk} is not an SQLite database.`);
  });

  it('explains an invalid TRUST_PROXY or KEIZOKU_BACKUP_AT in a sentence', async () => {
    const env = { DATA_DIR: tempDir(), TRUST_PROXY: 'true', KEIZOKU_BACKUP_AT: '25:00' };
    const en = await run(['migrate'], { ...env, KEIZOKU_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.err).toContain('The configuration is not valid, so nothing was done.');
    expect(en.err).toContain('KEIZOKU_BACKUP_AT must be a 24-hour time HH:MM (such as 03:00) or off.');
    const proxy = await run(['migrate'], { DATA_DIR: env.DATA_DIR, TRUST_PROXY: '2', LANG: 'ja_JP.UTF-8' });
    expect(proxy.code).toBe(1);
    expect(proxy.err).toContain(
      'TRUST_PROXY にはプロキシのアドレスか CIDR 範囲をカンマ区切りで指定してください',
    );
  });

  it('create-admin refuses a common password with a sentence, not the bare code', async () => {
    const args = ['create-admin', '--email', 'a@example.jp', '--name', 'A', '--org', 'O'];
    const env = { DATA_DIR: tempDir(), KEIZOKU_ADMIN_PASSWORD: 'password1234' };
    const en = await run(args, { ...env, KEIZOKU_LANG: 'en' });
    expect(en.code).toBe(1);
    expect(en.err).toContain('This password is widely used and easy to guess.');
    expect(en.err.trim()).not.toBe('password_too_common');
    expect(en.err).not.toMatch(/^Password refused: password_too_common/);
    const ja = await run(args, { ...env, KEIZOKU_LANG: 'ja' });
    expect(ja.code).toBe(1);
    expect(ja.err).toContain('このパスワードはよく使われていて、推測されやすいため使えません。');
    const short = await run(args, { ...env, KEIZOKU_ADMIN_PASSWORD: 'short', LANG: 'ja_JP.UTF-8' });
    expect(short.err).toContain('パスワードは12文字以上にしてください。');
  });
});

// Four child processes, each compiling the CLI through tsx: seconds on a quiet machine, a minute
// on a loaded CI runner.
describe('bin/keizoku.js', { timeout: 180_000 }, () => {
  it('runs the CLI as a program (TypeScript via tsx before a build), with exit codes', () => {
    const bin = path.resolve(import.meta.dirname, '../../../bin/keizoku.js');
    // A clean environment: vitest itself sets variables such as BASE_URL='/'.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: os.homedir(),
      DATA_DIR: tempDir(),
      LOG_LEVEL: 'silent',
    };
    const help = spawnSync(process.execPath, [bin, '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: keizoku <command>');
    const migrate = spawnSync(process.execPath, [bin, 'migrate'], { env, encoding: 'utf8' });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('0001-foundation');
    const verify = spawnSync(process.execPath, [bin, 'audit', 'verify'], { env, encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout.trim()).toBe('OK, 0 entries: every audit hash chain is intact.');
    expect(spawnSync(process.execPath, [bin, 'nonsense'], { env, encoding: 'utf8' }).status).toBe(2);
  });
});

describe('keizoku migrate', () => {
  it('lists the migrations it ran, then nothing', async () => {
    const env = { DATA_DIR: tempDir() };
    const first = await run(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Applied the migration 0001-foundation.');
    const second = await run(['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.out).toContain('already up to date; no migration ran.');
  });
});

describe('keizoku create-admin', () => {
  it('creates an organization and its owner, audited, with the password from the environment', async () => {
    const env = { DATA_DIR: tempDir(), KEIZOKU_ADMIN_PASSWORD: PASSWORD };
    const r = await run(
      ['create-admin', '--email', 'Boss@Example.JP', '--name', '岡田 誠一', '--org', 'テスト株式会社'],
      env,
    );
    expect(r.code, r.all).toBe(0);
    expect(r.all).not.toContain(PASSWORD);
    const db = sqliteOf(env.DATA_DIR);
    try {
      const user = await db.kysely.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user.email).toBe('boss@example.jp');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const m = await db.kysely
        .selectFrom('memberships')
        .innerJoin('organizations', 'organizations.id', 'memberships.org_id')
        .select(['role', 'name'])
        .executeTakeFirstOrThrow();
      expect(m).toEqual({ role: 'owner', name: 'テスト株式会社' });
      const actions = (await db.kysely.selectFrom('audit_log').select('action').orderBy('seq').execute()).map(
        (a) => a.action,
      );
      expect(actions).toEqual(['organization.create', 'user.create', 'member.add']);
      expect(JSON.stringify(await db.kysely.selectFrom('audit_log').selectAll().execute())).not.toContain(
        PASSWORD,
      );
    } finally {
      await db.close();
    }
    const again = await run(['create-admin', '--email', 'boss@example.jp', '--name', 'X', '--org', 'Y'], env);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });

  it('reads the password from standard input and applies the password policy', async () => {
    const dataDir = tempDir();
    const short = await run(
      ['create-admin', '--email', 'a@example.jp', '--name', 'A', '--org', 'O'],
      { DATA_DIR: dataDir },
      'short\n',
    );
    expect(short.code).toBe(1);
    expect(short.err).toContain('password_too_short');
    const common = await run(
      ['create-admin', '--email', 'a@example.jp', '--name', 'A', '--org', 'O'],
      { DATA_DIR: dataDir },
      'password1234\n',
    );
    expect(common.err).toContain('password_too_common');
    const ok = await run(
      ['create-admin', '--email', 'a@example.jp', '--name', 'A', '--org', 'O'],
      { DATA_DIR: dataDir },
      `${PASSWORD}\n`,
    );
    expect(ok.code, ok.all).toBe(0);
    // A password is never accepted as a flag.
    const flag = await run(
      ['create-admin', '--email', 'b@example.jp', '--name', 'B', '--org', 'O', '--password', PASSWORD],
      { DATA_DIR: dataDir },
    );
    expect(flag.code).toBe(2);
    expect((await run(['create-admin', '--email', 'b@example.jp'], { DATA_DIR: dataDir })).code).toBe(2);
    expect(
      (
        await run(['create-admin', '--email', 'nope', '--name', 'B', '--org', 'O'], {
          DATA_DIR: dataDir,
          KEIZOKU_ADMIN_PASSWORD: PASSWORD,
        })
      ).code,
    ).toBe(2);
    // The same rules as the setup page: no control or bidi characters in a name.
    for (const [flag, value] of [
      ['--name', 'Boss\u202Egpj'],
      ['--org', 'Org\u001b[2J'],
    ]) {
      const args = ['create-admin', '--email', 'c@example.jp', '--name', 'C', '--org', 'O'];
      args[args.indexOf(flag!) + 1] = value!;
      const bad = await run(args, { DATA_DIR: dataDir, KEIZOKU_ADMIN_PASSWORD: PASSWORD });
      expect(bad.code, bad.all).toBe(2);
      expect(bad.all).toContain(flag);
    }
  });
});

describe('keizoku reset-password', () => {
  it('sets a new password for the owner, unlocks the account, ends its logins, audited', async () => {
    const env = { DATA_DIR: tempDir(), KEIZOKU_ADMIN_PASSWORD: PASSWORD };
    const made = await run(
      ['create-admin', '--email', 'boss@example.jp', '--name', '岡田', '--org', 'O'],
      env,
    );
    expect(made.code, made.all).toBe(0);
    let db = sqliteOf(env.DATA_DIR);
    const before = await db.kysely.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('users')
      .set({ failed_login_count: 10, locked_until: '2999-01-01T00:00:00.000Z' })
      .execute();
    await db.kysely
      .insertInto('sessions')
      .values({
        id: newId(),
        user_id: before.id,
        current_org_id: null,
        verified_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
        last_seen_at: '2026-01-01T00:00:00.000Z',
        expires_at: '2999-01-01T00:00:00.000Z',
      })
      .execute();
    await db.close();

    const newPassword = 'another long passphrase 77';
    const noUser = await run(
      ['reset-password', '--email', 'nobody@example.jp'],
      { DATA_DIR: env.DATA_DIR },
      `${newPassword}\n`,
    );
    expect(noUser.code).toBe(1);
    expect((await run(['reset-password', '--email', 'boss@example.jp', '--password', 'x'], env)).code).toBe(
      2,
    );
    const weak = await run(
      ['reset-password', '--email', 'boss@example.jp'],
      { DATA_DIR: env.DATA_DIR },
      'short\n',
    );
    expect(weak.err).toContain('password_too_short');

    const r = await run(
      ['reset-password', '--email', 'Boss@Example.JP'],
      { DATA_DIR: env.DATA_DIR, KEIZOKU_LANG: 'ja' },
      `${newPassword}\n`,
    );
    expect(r.code, r.all).toBe(0);
    expect(r.out).toContain('boss@example.jp のパスワードを変更し');
    expect(r.all).not.toContain(newPassword);
    db = sqliteOf(env.DATA_DIR);
    try {
      const after = await db.kysely.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after).toMatchObject({ failed_login_count: 0, locked_until: null });
      expect(await db.kysely.selectFrom('sessions').selectAll().execute()).toEqual([]);
      const entries = await db.kysely
        .selectFrom('audit_log')
        .select(['org_id', 'action', 'summary'])
        .where('action', '=', 'user.password_reset')
        .execute();
      // The system chain and the owner's organization.
      expect(entries).toHaveLength(2);
      expect(JSON.parse(entries[0]?.summary ?? '{}')).toEqual({
        details: { displayName: '岡田', via: 'cli', sessionsEnded: 1 },
      });
      expect(JSON.stringify(entries)).not.toContain(newPassword);
    } finally {
      await db.close();
    }
  });
});

describe('keizoku demo', () => {
  it('loads the demo once and refuses a second time', async () => {
    const env = { DATA_DIR: tempDir() };
    const first = await run(['demo'], env);
    expect(first.code, first.all).toBe(0);
    expect(first.out).toContain(demoOwnerLogin().email);
    // What was written, in words and with the counts of the files.
    const b = demoContent().bia;
    const edges = [...b.operations, ...b.systems, ...b.components].reduce(
      (n, x) => n + x.depends_on.length,
      0,
    );
    expect(first.out).toContain(
      `${demoContent().people.length} people and ${demoContent().users.length} logins.`,
    );
    expect(first.out).toContain(
      `Its inventory has ${b.operations.length} business operations, ${b.systems.length} systems, ` +
        `${b.components.length} components, ${b.suppliers.length} suppliers and ${edges} dependencies between them.`,
    );
    expect(first.out).toContain(
      'Its BIA has 1 damage estimate; it was signed off 1 time, with 1 change since',
    );
    expect(first.out).toContain(`tier diagnosis has 1 result with ${b.diagnosis?.tasks.length} tasks;`);
    expect(first.out).toContain(`${b.checklist.length} items of the management checklist are done.`);
    const second = await run(['demo'], env);
    expect(second.code).toBe(1);
    expect(second.err).toContain('already loaded');
  });
});

describe('keizoku audit verify', () => {
  it('reports OK, then the hash mismatch at the seq of an altered row', async () => {
    const env = { DATA_DIR: tempDir() };
    await run(['demo'], env);
    const ok = await run(['audit', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^OK, \d+ entries: every audit hash chain is intact\.$/);

    const db = sqliteOf(env.DATA_DIR);
    const row = await db.kysely
      .selectFrom('audit_log')
      .select(['id', 'org_id'])
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow();
    await db.kysely
      .updateTable('audit_log')
      .set({ summary: '{"after":{"name":"forged"}}' })
      .where('id', '=', row.id)
      .execute();
    await db.close();

    const bad = await run(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain(`organization ${row.org_id}`);
    expect(bad.out).toContain(`seq 4, entry ${row.id}: hash_mismatch`);
  });

  it('reports the break when a middle row is deleted', async () => {
    const env = { DATA_DIR: tempDir() };
    await run(['demo'], env);
    const db = sqliteOf(env.DATA_DIR);
    const row = await db.kysely
      .selectFrom('audit_log')
      .select(['id'])
      .where('seq', '=', 10)
      .executeTakeFirstOrThrow();
    await db.kysely.deleteFrom('audit_log').where('id', '=', row.id).execute();
    await db.close();
    const bad = await run(['audit', 'verify'], env);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/first broken link at seq 10, entry [0-9a-f-]+: missing_entry/);
  });
});

describe('keizoku serve', () => {
  it('loads the demo into an empty database and prints the URL and the demo login; later only the URL', async () => {
    const dataDir = tempDir();
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1' }), port: 0 };
    const login = demoOwnerLogin();
    const t1 = io({});
    const s1 = await startServer(config, t1, { demoIfEmpty: true, webRoot: NO_WEB });
    try {
      expect(t1.stdout.join('\n')).toContain(config.baseUrl);
      expect(t1.stdout.join('\n')).toContain(login.email);
      expect(t1.stdout.join('\n')).toContain(login.password);
      const res = await s1.app.inject('/readyz');
      expect(res.json()).toEqual({ status: 'ok', database: 'sqlite' });
    } finally {
      await s1.close();
    }
    // Restarted without the flag: the URL only, nothing secret.
    const t2 = io({});
    const s2 = await startServer(config, t2, { demoIfEmpty: false, webRoot: NO_WEB });
    await s2.close();
    expect(t2.stdout.join('\n')).toContain(config.baseUrl);
    expect(t2.stdout.join('\n')).not.toContain(login.password);
    expect(t2.stdout.join('\n')).not.toContain('first-run');
  });

  it('on an empty database without the flag, says the first-run setup is open', async () => {
    const config = {
      ...loadConfig({ DATA_DIR: tempDir(), LOG_LEVEL: 'silent', HOST: '127.0.0.1' }),
      port: 0,
    };
    const t = io({});
    const s = await startServer(config, t, { demoIfEmpty: false, webRoot: NO_WEB });
    await s.close();
    expect(t.stdout.join('\n')).toMatch(/first-run setup/);
    expect(t.stdout.join('\n')).not.toContain(demoOwnerLogin().password);
  });

  it('at start, fails the import jobs the last run left half checked, so nobody waits on them', async () => {
    const dataDir = tempDir();
    const env = { DATA_DIR: dataDir };
    expect((await run(['demo'], env)).code).toBe(0);
    // What a server killed while checking a file leaves behind: a running job and its rows.
    const db = sqliteOf(dataDir);
    const org = await db.kysely.selectFrom('organizations').select('id').executeTakeFirstOrThrow();
    const then = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    const id = await insertImportJob(db.kysely, { orgId: org.id, status: 'running', updatedAt: then });
    await db.close();

    const config = { ...loadConfig({ ...env, LOG_LEVEL: 'silent', HOST: '127.0.0.1' }), port: 0 };
    const server = await startServer(config, io({}), { demoIfEmpty: false, webRoot: NO_WEB });
    try {
      const job = () =>
        server.db.kysely
          .selectFrom('import_jobs')
          .select(['status', 'payload'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
      for (let i = 0; i < 200 && (await job()).status !== 'failed'; i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(await job()).toEqual({ status: 'failed', payload: null });
    } finally {
      await server.close();
    }
  });
});

describe('keizoku backup and restore (SQLite)', () => {
  it('backs up while the app is running with data, and restores into a fresh data directory', async () => {
    const dataDir = tempDir();
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1' }), port: 0 };
    const server = await startServer(config, io({}), { demoIfEmpty: false, webRoot: NO_WEB });
    const marker = `RESTORE-${newId().slice(-6)}`;
    const out = path.join(tempDir(), 'nested', 'snapshot.tar.gz');
    let backupOut: string;
    try {
      // Data written through the running app: the demo, then a site created over HTTP.
      const client = new TestClient(server.app);
      expect((await client.post('/api/v1/setup/demo')).statusCode).toBe(200);
      const site = await client.post('/api/v1/sites', { name: marker, kind: 'branch' });
      expect([200, 201]).toContain(site.statusCode);

      const b = await run(['backup', '--out', out], { DATA_DIR: dataDir });
      expect(b.code, b.all).toBe(0);
      backupOut = b.out;
      // Another backup to the same file is refused, not overwritten.
      expect((await run(['backup', '--out', out], { DATA_DIR: dataDir })).code).toBe(1);
      const defaultName = await run(['backup'], { DATA_DIR: dataDir });
      expect(defaultName.out).toMatch(/backups\/keizoku-\d{8}-\d{6}\.tar\.gz/);
    } finally {
      await server.close();
    }
    expect(backupOut).toContain(out);
    const bytes = fs.statSync(out).size;
    expect(backupOut).toContain(`(${bytes} bytes)`);
    expect(backupOut).toContain('Test restore: audit trail intact');
    const { createHash } = await import('node:crypto');
    expect(backupOut).toContain(createHash('sha256').update(fs.readFileSync(out)).digest('hex'));
    expect(fs.readdirSync(path.dirname(out)).sort()).toEqual(['snapshot.checkpoint.json', 'snapshot.tar.gz']);

    const fresh = tempDir();
    const r = await run(['restore', out], { DATA_DIR: fresh });
    expect(r.code, r.all).toBe(0);
    expect(r.out).toContain('audit trail verified: OK');
    const db = sqliteOf(fresh);
    try {
      const people = await db.kysely.selectFrom('people').select('id').execute();
      expect(people.length).toBeGreaterThan(30);
      const site = await db.kysely.selectFrom('sites').select('name').where('name', '=', marker).execute();
      expect(site).toHaveLength(1);
    } finally {
      await db.close();
    }
    const verify = await run(['audit', 'verify'], { DATA_DIR: fresh });
    expect(verify.code).toBe(0);

    // Never over existing data.
    const refused = await run(['restore', out], { DATA_DIR: fresh });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('empty data directory');
  });

  it('refuses files that are not keizoku databases and leaves the data directory empty', async () => {
    const scratch = tempDir();
    const text = path.join(scratch, 'notes.txt');
    fs.writeFileSync(text, 'hello, this is not a database\n'.repeat(100));
    const foreign = path.join(scratch, 'other.sqlite');
    const h = new SQLite(foreign);
    h.exec('create table t (x integer); insert into t values (1);');
    h.close();

    for (const [file, reason] of [
      [text, 'not an SQLite database'],
      [foreign, 'not a keizoku database'],
      [path.join(scratch, 'missing.sqlite'), 'does not exist'],
    ] as const) {
      const target = tempDir();
      const r = await run(['restore', file], { DATA_DIR: target });
      expect(r.code, file).toBe(1);
      expect(r.err).toContain(reason);
      expect(fs.readdirSync(target)).toEqual([]);
    }
  });
});

describe.runIf(TEST_ENGINE === 'pg')('keizoku backup and restore (PostgreSQL)', () => {
  it('dumps with pg_dump and restores into an empty database only', async () => {
    const dataDir = tempDir();
    const source = { ...(await freshEnv()), DATA_DIR: dataDir };
    const target = { ...(await freshEnv()), DATA_DIR: dataDir };
    expect((await run(['demo'], source)).code).toBe(0);
    const out = path.join(dataDir, 'pg.tar.gz');
    const b = await run(['backup', '--out', out], source);
    expect(b.code, b.all).toBe(0);
    const password = new URL(process.env.DATABASE_URL ?? '').password;
    if (password) expect(b.all).not.toContain(password);
    const r = await run(['restore', out], target);
    expect(r.code, r.all).toBe(0);
    const db = openChildDb(target);
    try {
      expect((await db.kysely.selectFrom('people').select('id').execute()).length).toBeGreaterThan(30);
    } finally {
      await db.close();
    }
    const again = await run(['restore', out], target);
    expect(again.code).toBe(1);
    expect(again.err).toContain('not empty');
  });
});
