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
  SMTP_URL: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('production'),
  TRUST_PROXY: z.string().default(''),
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
  /** Which proxies may set X-Forwarded-For/-Proto/-Host (Fastify's trustProxy): off, hops, or addresses. */
  trustProxy: TrustProxy;
}

type TrustProxy = false | string[];

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
    if (PROXY_PRESETS.has(entry)) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = net.isIP(address);
    const prefixOk =
      prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (!family || !prefixOk || rest.length > 0)
      throw new Error(
        "Invalid configuration: TRUST_PROXY: expected the proxies' addresses or CIDR ranges, comma-separated",
      );
  }
  return entries;
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
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
  };
}
