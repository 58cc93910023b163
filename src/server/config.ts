import path from 'node:path';
import { z } from 'zod';

/** Settings read once from the environment; every variable is documented in the README. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  BASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
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
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; absent selects the embedded SQLite file under dataDir. */
  databaseUrl: string | undefined;
  baseUrl: string;
  smtpUrl: string | undefined;
  logLevel: string;
  /** Cookies get the Secure flag when the public address is https. */
  secureCookies: boolean;
  backup: BackupConfig;
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const baseUrl = e.BASE_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    baseUrl,
    smtpUrl: e.SMTP_URL || undefined,
    logLevel: e.LOG_LEVEL,
    secureCookies: baseUrl.startsWith('https://'),
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
  };
}
