import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadChecklistFolder, securityChecklists } from '../modules/assessment/content.js';
import { findUserByEmail } from '../modules/auth/repo.js';
import { scheduleBackups } from '../modules/backups/service.js';
import { demoContent, demoOwnerLogin } from '../modules/demo/content.js';
import { hasNoUsers, loadDemo } from '../modules/demo/service.js';
import { scheduleImportSweeps } from '../modules/imports/service.js';
import { verifyPassword } from '../security/passwords.js';
import { type CliIO, describeDatabase, openConfiguredDb } from './io.js';
import { type Translate, translator } from './messages.js';

export interface RunningServer {
  app: FastifyInstance;
  db: Db;
  /** The lines printed at start (tests read them). */
  banner: string[];
  close(): Promise<void>;
}

/** The demo owner's login when the demo organization is present and its password unchanged. */
async function demoLoginIfUnchanged(db: Db): Promise<{ email: string; password: string } | null> {
  const login = demoOwnerLogin();
  const user = await findUserByEmail(db.kysely, login.email);
  if (!user) return null;
  return (await verifyPassword(user.password_hash, login.password)) ? login : null;
}

function demoLoginLines(t: Translate, url: string, login: { email: string; password: string }): string[] {
  const c = demoContent();
  const others = c.users
    .filter((u) => u.role !== 'owner')
    .map((u) => `${c.people.find((p) => p.key === u.person)?.email.toLowerCase()} (${u.role})`);
  return [
    t('serve.demoOrg', { name: c.organization.name.ja }),
    t('serve.demoLogIn', { url }),
    t('serve.demoEmail', { email: login.email }),
    t('serve.demoPassword', { password: login.password }),
    ...(others.length ? [t('serve.demoOthers', { logins: others.join(', ') })] : []),
  ];
}

/** Where and when keizoku backs itself up, for the start banner. */
function backupLine(t: Translate, config: Config): string {
  const b = config.backup;
  if (!b.at) return t('serve.backupOff');
  const copy = b.copyDir ? t('serve.backupCopy', { dir: b.copyDir }) : t('serve.backupNoCopy');
  const encrypted = b.passphrase ? t('serve.backupEncrypted') : '';
  return t('serve.backupDaily', { at: b.at, timeZone: b.timeZone, dir: b.dir, copy, encrypted });
}

/**
 * Open and migrate the database, optionally load the demo into an empty one, build the app and
 * listen. Prints where it runs; the demo password is printed only because it is public anyway.
 */
export async function startServer(
  config: Config,
  io: CliIO,
  opts: {
    demoIfEmpty: boolean;
    webRoot?: string /** Tests: another checklist folder. */;
    checklistsDir?: string;
  },
): Promise<RunningServer> {
  const t = translator(io.env);
  // Content is checked before anything starts: a broken checklist file stops the start with its
  // file, line and field (the command line prints the ContentError and exits 1).
  if (opts.checklistsDir) loadChecklistFolder(opts.checklistsDir);
  else securityChecklists();
  const db = openConfiguredDb(config);
  let app: FastifyInstance | null = null;
  let stopSweeps = () => {};
  let stopBackups = async () => {};
  try {
    const ran = await migrateToLatest(db);
    if (ran.length) io.out(t('serve.migrations', { names: ran.join(', ') }));
    const banner: string[] = [];
    const url = config.baseUrl;
    const empty = await hasNoUsers(db);
    let demoLogin: { email: string; password: string } | null = null;
    if (empty && opts.demoIfEmpty) {
      const result = await loadDemo(db);
      demoLogin = result.owner;
      banner.push(t('serve.demoLoaded'));
    } else if (!empty && opts.demoIfEmpty) {
      demoLogin = await demoLoginIfUnchanged(db);
    }

    app = await buildApp({ db, config, ...(opts.webRoot ? { webRoot: opts.webRoot } : {}) });
    // Import jobs a restart interrupted fail now (ask for a new upload); then the sweep repeats.
    stopSweeps = scheduleImportSweeps(db, app.log);
    // keizoku's own daily backup (default 03:00 Asia/Tokyo) with its audit checkpoint.
    stopBackups = scheduleBackups(db, config, app.log);
    await app.listen({ host: config.host, port: config.port });
    banner.unshift(t('serve.running', { url, database: describeDatabase(config) }));
    banner.push(backupLine(t, config));
    if (demoLogin) banner.push(...demoLoginLines(t, url, demoLogin));
    else if (empty) banner.push(t('serve.noAccount', { url }));
    for (const line of banner) io.out(line);

    const running = app;
    return {
      app: running,
      db,
      banner,
      close: async () => {
        stopSweeps();
        await stopBackups();
        await running.close();
        await db.close();
      },
    };
  } catch (err) {
    stopSweeps();
    await stopBackups();
    await app?.close();
    await db.close();
    throw err;
  }
}

/** `keizoku serve`: run until SIGINT or SIGTERM, then close the server and the database cleanly. */
export async function serveCommand(
  config: Config,
  io: CliIO,
  opts: { demoIfEmpty: boolean },
): Promise<number> {
  const t = translator(io.env);
  const server = await startServer(config, io, opts);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  io.out(t('serve.stopping', { signal }));
  const force = setTimeout(() => {
    io.err(t('serve.slowStop'));
    process.exit(1);
  }, 10_000);
  force.unref();
  await server.close();
  clearTimeout(force);
  return 0;
}
