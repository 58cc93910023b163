import { realpathSync } from 'node:fs';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { auditVerifyCommand } from './cli/audit-verify.js';
import { backupCommand, restoreCommand } from './cli/backup.js';
import { createAdminCommand } from './cli/create-admin.js';
import { demoCommand } from './cli/demo.js';
import { CliError, type CliIO, EXIT_FAILURE, EXIT_USAGE } from './cli/io.js';
import { mfaResetCommand } from './cli/mfa-reset.js';
import { migrateCommand } from './cli/migrate.js';
import { serveCommand } from './cli/serve.js';
import { loadConfig } from './config.js';
import { ContentError } from './content/load.js';

export const USAGE = `keizoku (継続): IT-BCP platform — command line

Usage: keizoku <command> [options]

Commands:
  serve [--demo-if-empty]     migrate the database and serve the web app and API on HOST:PORT;
                              with --demo-if-empty, load the demo organization into an empty
                              database and print its login
  migrate                     apply pending database migrations and list them
  create-admin --email E --name N --org "Org name"
                              create an organization and its owner; the password is read from
                              KEIZOKU_ADMIN_PASSWORD or standard input (never a flag)
  backup [--out FILE]         write one backup bundle: the database (SQLite online copy or
                              pg_dump archive), the secret key, an audit checkpoint and a
                              manifest; encrypted when KEIZOKU_BACKUP_PASSPHRASE is set; copied
                              to KEIZOKU_BACKUP_COPY_DIR; then restored as a test.
                              Default: DATA_DIR/backups/keizoku-YYYYMMDD-HHMMSS.tar.gz(.age)
  restore FILE                restore a bundle into an empty data directory / empty database,
                              then check the audit trail and decrypt a two-step login secret
  demo                        load the demo organization (once)
  mfa-reset --email E         turn two-step login off for one account (lost phone and recovery
                              codes, or a secret that cannot be decrypted after a restore)
  audit verify [--checkpoint FILE]
                              check every audit hash chain; exit 1 on the first broken link;
                              with a checkpoint file, also on entries deleted since it

Options:
  -h, --help                  show this help (also: keizoku <command> --help)

Environment:
  DATABASE_URL   postgres://… selects PostgreSQL; unset: SQLite file DATA_DIR/keizoku.sqlite
  DATA_DIR       data directory (default ./data)     PORT, HOST, BASE_URL, SMTP_URL, LOG_LEVEL
  KEIZOKU_BACKUP_PASSPHRASE  encrypts backups (and opens them for restore)
  KEIZOKU_BACKUP_COPY_DIR    second place for every backup (a NAS or USB mount)

Exit codes: 0 success, 1 failure (or a broken audit chain), 2 usage error.
`;

const COMMAND_OPTIONS = {
  serve: { 'demo-if-empty': { type: 'boolean' } },
  migrate: {},
  'create-admin': { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' } },
  backup: { out: { type: 'string' } },
  restore: {},
  demo: {},
  'mfa-reset': { email: { type: 'string' } },
  audit: { checkpoint: { type: 'string' } },
} as const;
type Command = keyof typeof COMMAND_OPTIONS;
type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;
const isCommand = (s: string | undefined): s is Command =>
  s !== undefined && Object.hasOwn(COMMAND_OPTIONS, s);

/** Run one command; returns the exit code. Never throws for expected failures. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? EXIT_USAGE : 0;
  }
  if (!isCommand(command)) {
    io.err(`Unknown command: ${command}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  let positionals: string[];
  try {
    const parsed = parseArgs({
      args: rest,
      options: { ...COMMAND_OPTIONS[command], help: { type: 'boolean', short: 'h' } } as ParseArgsOptions,
      allowPositionals: true,
      strict: true,
    });
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  const usage = (message: string) => {
    io.err(`${message}\n\n${USAGE}`);
    return EXIT_USAGE;
  };
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);

  try {
    const config = loadConfig(io.env);
    switch (command) {
      case 'serve':
        if (positionals.length) return usage(`serve takes no arguments: ${positionals.join(' ')}`);
        return await serveCommand(config, io, { demoIfEmpty: values['demo-if-empty'] === true });
      case 'migrate':
        if (positionals.length) return usage('migrate takes no arguments');
        return await migrateCommand(config, io);
      case 'create-admin': {
        const email = str('email');
        const name = str('name');
        const org = str('org');
        if (!email || !name || !org) return usage('create-admin needs --email, --name and --org');
        if (positionals.length)
          return usage('create-admin takes no positional arguments (the password is never one)');
        return await createAdminCommand(config, io, { email, name, org });
      }
      case 'backup':
        if (positionals.length) return usage('backup takes no positional arguments (use --out FILE)');
        return await backupCommand(config, io, { out: str('out') });
      case 'restore': {
        const [file, ...extra] = positionals;
        if (!file || extra.length) return usage('restore needs exactly one FILE');
        return await restoreCommand(config, io, file);
      }
      case 'mfa-reset': {
        const email = str('email');
        if (!email || positionals.length) return usage('mfa-reset needs --email and nothing else');
        return await mfaResetCommand(config, io, email);
      }
      case 'demo':
        if (positionals.length) return usage('demo takes no arguments');
        return await demoCommand(config, io);
      case 'audit':
        if (positionals.length !== 1 || positionals[0] !== 'verify')
          return usage('usage: keizoku audit verify [--checkpoint FILE]');
        return await auditVerifyCommand(config, io, { checkpoint: str('checkpoint') });
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(err.message);
      return err.exitCode;
    }
    if (
      err instanceof ContentError ||
      (err instanceof Error && err.message.startsWith('Invalid configuration'))
    ) {
      io.err(err.message);
      return EXIT_FAILURE;
    }
    io.err(`Failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return EXIT_FAILURE;
  }
}

/** Read one line from the terminal without echoing it (passwords). */
function promptHidden(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  process.stderr.write(question);
  // readline echoes through this (undocumented but stable) hook; silencing it hides the input.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

/** The real terminal: stdout/stderr, the process environment, standard input. */
export function processIO(): CliIO {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    stdinIsTty: Boolean(process.stdin.isTTY),
    promptHidden,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Entry point used by bin/keizoku.js (and by `tsx src/server/cli.ts` during development). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  process.exitCode = await runCli(argv, processIO());
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
})();
if (invokedDirectly) await main();
