import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** Settings read once from the environment; every variable is documented in the README. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^smtps?:\/\/[^/]/.test(v), 'smtp://user:password@host:port or smtps://…'),
  MAIL_FROM: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
  TRUST_PROXY: z.string().default(''),
  // keizoku's own backups (README: Backups and restoring on a new machine).
  KEIZOKU_BACKUP_AT: z
    .string()
    .regex(/^(off|([01]?\d|2[0-3]):[0-5]\d)$/, 'HH:MM (24-hour) or off')
    .default('03:00'),
  KEIZOKU_BACKUP_TIMEZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Asia/Tokyo')
    .default('Asia/Tokyo'),
  KEIZOKU_BACKUP_COPY_DIR: z.string().optional(),
  KEIZOKU_BACKUP_PASSPHRASE: z.string().optional(),
  KEIZOKU_BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(366).default(7),
  KEIZOKU_BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),
  KEIZOKU_BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(240).default(12),
  // Outbound mail and chat webhooks (README: Outbound messages).
  KEIZOKU_OUTBOUND_WORKER: z.enum(['on', 'off']).default('on'),
  KEIZOKU_OUTBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  KEIZOKU_OUTBOUND_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  KEIZOKU_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  KEIZOKU_WEBHOOK_ALLOW_PRIVATE: z.string().default(''),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; absent selects the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  baseUrl: string;
  /**
   * Whether BASE_URL was set. Without it baseUrl is a guess (localhost), fine for links this
   * server answers itself but not for an address given to a sender outside (the quake push).
   */
  isBaseUrlSet: boolean;
  /** Outgoing mail server (`smtp://user:password@host:587`, `smtps://…`); absent: keizoku sends no mail. */
  smtpUrl: string | undefined;
  /** The sender of keizoku's mails (MAIL_FROM; default `keizoku <noreply@BASE_URL's host>`). */
  mailFrom: string;
  logLevel: string;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  /** Which proxies may set X-Forwarded-For/-Proto/-Host (Fastify's trustProxy): off, hops, or addresses. */
  trustProxy: TrustProxy;
  backup: BackupConfig;
  outbound: OutboundConfig;
}

/** The queue of outbound mails and chat webhook posts. */
interface OutboundConfig {
  /** Whether this process runs the sending worker (several processes may; each claims its own rows). */
  worker: boolean;
  /** Mails and posts sent at once, and pooled SMTP connections. */
  concurrency: number;
  maxAttempts: number;
  webhookTimeoutMs: number;
  /** Addresses or CIDR ranges a webhook may reach although private or loopback (e.g. an on-site chat server). */
  webhookAllowPrivate: string[];
}

/** keizoku's own backups. */
export interface BackupConfig {
  /** Local time of the daily backup, 'HH:MM'; null turns the schedule off. */
  at: string | null;
  timeZone: string;
  /** Where bundles are written first. */
  dir: string;
  /** The second place (a NAS or USB mount); null when not configured. */
  copyDir: string | null;
  /** Encrypts bundles when set. Never logged, never a flag. */
  passphrase: string | undefined;
  keep: { daily: number; weekly: number; monthly: number };
}

type TrustProxy = false | string[];

/** An IPv4 or IPv6 address, or a CIDR range of one (`10.0.0.0/8`, `fd00::/8`). */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  const prefixOk =
    prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
  return family !== 0 && prefixOk && rest.length === 0;
}

/** KEIZOKU_WEBHOOK_ALLOW_PRIVATE: addresses or CIDR ranges, comma-separated. */
function parseAllowPrivate(raw: string): string[] {
  const entries = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (!isAddressOrRange(entry))
      throw new ConfigError([
        {
          variable: 'KEIZOKU_WEBHOOK_ALLOW_PRIVATE',
          detail: 'expected addresses or CIDR ranges, comma-separated',
        },
      ]);
  }
  return entries;
}

/** Environment variables that are not valid; the command line prints a sentence for each. */
export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; detail: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.variable}: ${i.detail}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

const PROXY_PRESETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: empty = trust no proxy (the client address is the connection's); else the proxies'
 * addresses and CIDR ranges, comma-separated (or loopback / linklocal / uniquelocal). A blanket
 * "true" or a hop count is refused: neither checks who is connecting, so a client reaching the
 * server directly could choose its own address (Fastify 5 ignores hop counts for that reason).
 */
function parseTrustProxy(raw: string): TrustProxy {
  const value = raw.trim();
  if (value === '') return false;
  const entries = value.split(',').map((s) => s.trim());
  for (const entry of entries) {
    if (!PROXY_PRESETS.has(entry) && !isAddressOrRange(entry))
      throw new ConfigError([
        {
          variable: 'TRUST_PROXY',
          detail: "expected the proxies' addresses or CIDR ranges, comma-separated",
        },
      ]);
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: i.path.join('.'), detail: i.message })),
    );
  }
  const e = parsed.data;
  const baseUrl = e.BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    baseUrl,
    isBaseUrlSet: e.BASE_URL !== undefined,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM?.trim() || `keizoku <noreply@${new URL(baseUrl).hostname}>`,
    logLevel: e.LOG_LEVEL,
    secureCookies: baseUrl.startsWith('https://'),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    backup: {
      at: e.KEIZOKU_BACKUP_AT === 'off' ? null : e.KEIZOKU_BACKUP_AT,
      timeZone: e.KEIZOKU_BACKUP_TIMEZONE,
      dir: path.join(path.resolve(e.DATA_DIR), 'backups'),
      copyDir: e.KEIZOKU_BACKUP_COPY_DIR ? path.resolve(e.KEIZOKU_BACKUP_COPY_DIR) : null,
      passphrase: e.KEIZOKU_BACKUP_PASSPHRASE || undefined,
      keep: {
        daily: e.KEIZOKU_BACKUP_KEEP_DAILY,
        weekly: e.KEIZOKU_BACKUP_KEEP_WEEKLY,
        monthly: e.KEIZOKU_BACKUP_KEEP_MONTHLY,
      },
    },
    outbound: {
      worker: e.KEIZOKU_OUTBOUND_WORKER === 'on',
      concurrency: e.KEIZOKU_OUTBOUND_CONCURRENCY,
      maxAttempts: e.KEIZOKU_OUTBOUND_MAX_ATTEMPTS,
      webhookTimeoutMs: e.KEIZOKU_WEBHOOK_TIMEOUT_MS,
      webhookAllowPrivate: parseAllowPrivate(e.KEIZOKU_WEBHOOK_ALLOW_PRIVATE),
    },
  };
}
