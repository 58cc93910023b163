import { realpathSync } from 'node:fs';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { auditVerifyCommand } from './cli/audit-verify.js';
import { backupCommand, restoreCommand } from './cli/backup.js';
import { createAdminCommand } from './cli/create-admin.js';
import { demoCommand } from './cli/demo.js';
import { CliError, type CliIO, EXIT_FAILURE, EXIT_USAGE } from './cli/io.js';
import { CLI_MESSAGES, isMessageKey, translator } from './cli/messages.js';
import { mfaResetCommand } from './cli/mfa-reset.js';
import { migrateCommand } from './cli/migrate.js';
import { resetPasswordCommand } from './cli/reset-password.js';
import { serveCommand } from './cli/serve.js';
import { ConfigError, loadConfig } from './config.js';
import { ContentError } from './content/load.js';

/** The English usage (also what `usage` is in the catalog); `keizoku --help` prints it in the user's language. */
export const USAGE = CLI_MESSAGES.en.usage;

const COMMAND_OPTIONS = {
  serve: { 'demo-if-empty': { type: 'boolean' } },
  migrate: {},
  'create-admin': { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' } },
  backup: { out: { type: 'string' } },
  restore: {},
  demo: {},
  'mfa-reset': { email: { type: 'string' } },
  'reset-password': { email: { type: 'string' } },
  audit: { checkpoint: { type: 'string' } },
} as const;
type Command = keyof typeof COMMAND_OPTIONS;
type ParseArgsOptions = NonNullable<ParseArgsConfig['options']>;
const isCommand = (s: string | undefined): s is Command =>
  s !== undefined && Object.hasOwn(COMMAND_OPTIONS, s);

/** Run one command; returns the exit code. Never throws for expected failures. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const t = translator(io.env);
  const USAGE = t('usage');
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(USAGE);
    return command === undefined ? EXIT_USAGE : 0;
  }
  if (!isCommand(command)) {
    io.err(`${t('cli.unknownCommand', { command })}\n\n${USAGE}`);
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
    io.err(`${t('cli.badOption', { detail: err instanceof Error ? err.message : String(err) })}\n\n${USAGE}`);
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
  const str = (k: string) => {
    const v = values[k];
    return typeof v === 'string' ? v : undefined;
  };

  try {
    const config = loadConfig(io.env);
    switch (command) {
      case 'serve':
        if (positionals.length) return usage(t('cli.noArguments', { command, args: positionals.join(' ') }));
        return await serveCommand(config, io, { demoIfEmpty: values['demo-if-empty'] === true });
      case 'migrate':
        if (positionals.length) return usage(t('cli.noArguments', { command, args: positionals.join(' ') }));
        return await migrateCommand(config, io);
      case 'create-admin': {
        const email = str('email');
        const name = str('name');
        const org = str('org');
        if (!email || !name || !org) return usage(t('cli.createAdminNeeds'));
        if (positionals.length) return usage(t('cli.createAdminPositional'));
        return await createAdminCommand(config, io, { email, name, org });
      }
      case 'backup':
        if (positionals.length) return usage(t('cli.backupPositional'));
        return await backupCommand(config, io, { out: str('out') });
      case 'restore': {
        const [file, ...extra] = positionals;
        if (!file || extra.length) return usage(t('cli.restoreNeeds'));
        return await restoreCommand(config, io, file);
      }
      case 'mfa-reset': {
        const email = str('email');
        if (!email || positionals.length) return usage(t('cli.mfaResetNeeds'));
        return await mfaResetCommand(config, io, email);
      }
      case 'reset-password': {
        const email = str('email');
        if (!email || positionals.length) return usage(t('cli.resetPasswordNeeds'));
        return await resetPasswordCommand(config, io, email);
      }
      case 'demo':
        if (positionals.length) return usage(t('cli.noArguments', { command, args: positionals.join(' ') }));
        return await demoCommand(config, io);
      case 'audit':
        if (positionals.length !== 1 || positionals[0] !== 'verify') return usage(t('cli.auditNeeds'));
        return await auditVerifyCommand(config, io, { checkpoint: str('checkpoint') });
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.err(err.message);
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      io.err(t('cli.config'));
      for (const { variable, detail } of err.issues) {
        const known = `config.${variable}`;
        io.err(isMessageKey(known) ? t(known) : t('config.other', { variable, detail }));
      }
      return EXIT_FAILURE;
    }
    if (err instanceof ContentError) {
      io.err(err.message);
      return EXIT_FAILURE;
    }
    io.err(t('cli.failed', { detail: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
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
