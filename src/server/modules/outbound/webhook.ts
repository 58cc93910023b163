import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch } from 'undici';
import type { OutboundReason } from '../../../domain/outbound.js';

/**
 * Posts JSON to a chat service's incoming webhook. A webhook URL is typed by an owner, so it must
 * not turn keizoku into a way to reach the server's own network (SSRF): only http(s), and the
 * address the name resolves to — checked when the connection is made, so a name that changes
 * its answer between a check and the call cannot slip through — must be public, unless
 * KEIZOKU_WEBHOOK_ALLOW_PRIVATE names it. Redirects are not followed. The URL holds the
 * service's secret token: it is never logged or stored in a result.
 */

export type PostResult =
  | { sent: true }
  | { sent: false; reason: OutboundReason; detail: string; retryable: boolean };

export interface WebhookSender {
  post(url: string, body: string): Promise<PostResult>;
  close(): Promise<void>;
}

/** Ranges no webhook may reach: this host, private networks, link-local, CGNAT, multicast … */
const BLOCKED = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  BLOCKED.addSubnet(net6, prefix, 'ipv6');

function allowList(entries: readonly string[]): net.BlockList {
  const list = new net.BlockList();
  for (const e of entries) {
    const [address = '', prefix] = e.split('/');
    const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address. */
function unmapped(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (m?.[1]) return { address: m[1], type: 'ipv4' };
  return { address, type: net.isIPv6(address) ? 'ipv6' : 'ipv4' };
}

/** True when a webhook may connect to `address`. */
function isAllowedAddress(address: string, allowed: net.BlockList): boolean {
  const a = unmapped(address);
  if (allowed.check(a.address, a.type) || allowed.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4'))
    return true;
  return !BLOCKED.check(a.address, a.type);
}

class BlockedAddress extends Error {
  readonly code = 'EKEIZOKU_BLOCKED';
}

/** A URL a webhook may be posted to: http or https, a host, no user or password in it. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https';
  if (url.username || url.password) return 'no user or password in the URL';
  if (!url.hostname) return 'no host';
  return null;
}

interface WebhookSettings {
  timeoutMs: number;
  allowPrivate: readonly string[];
}

/** An undici agent whose every connection is checked against the blocked ranges (see above). */
function guardedAgent(settings: WebhookSettings): { agent: Agent; allowed: net.BlockList } {
  const allowed = allowList(settings.allowPrivate);
  // Every connection's address is checked here, after the name is resolved and before connecting.
  const lookup: net.LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => !isAllowedAddress(a.address, allowed));
      if (bad || list.length === 0) return callback(new BlockedAddress('address not allowed'), '', 4);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      const first = list[0] as dns.LookupAddress;
      callback(null, first.address, first.family);
    });
  };
  const agent = new Agent({
    connect: { lookup, timeout: settings.timeoutMs },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });
  return { agent, allowed };
}

export type GetResult = { ok: true; body: string } | { ok: false; detail: string };

/**
 * Reads a document (an earthquake feed, a report) through the same guard as webhooks: http(s)
 * only, public addresses unless allowed, no redirects, a time limit and a size limit.
 */
export function createGuardedGetter(settings: WebhookSettings): {
  get(url: string, maxBytes: number): Promise<GetResult>;
  close(): Promise<void>;
} {
  const { agent, allowed } = guardedAgent(settings);
  return {
    async get(raw, maxBytes) {
      const problem = webhookUrlProblem(raw);
      if (problem) return { ok: false, detail: problem };
      const url = new URL(raw);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(host) && !isAllowedAddress(host, allowed))
        return { ok: false, detail: 'private or loopback address' };
      try {
        const res = await fetch(url, {
          redirect: 'manual',
          dispatcher: agent,
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        if (res.status !== 200) {
          await res.body?.cancel().catch(() => undefined);
          return { ok: false, detail: `HTTP ${res.status}` };
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const chunk of res.body ?? []) {
          size += chunk.byteLength;
          if (size > maxBytes) return { ok: false, detail: 'too large' };
          chunks.push(chunk);
        }
        return { ok: true, body: Buffer.concat(chunks).toString('utf8') };
      } catch (err) {
        const cause = (err as { cause?: unknown }).cause ?? err;
        if (cause instanceof BlockedAddress || (cause as { code?: string }).code === 'EKEIZOKU_BLOCKED')
          return { ok: false, detail: 'private or loopback address' };
        const code = (cause as { code?: unknown }).code;
        return { ok: false, detail: typeof code === 'string' ? code : 'network error' };
      }
    },
    close: () => agent.close(),
  };
}

export function createWebhookSender(settings: WebhookSettings): WebhookSender {
  const { agent, allowed } = guardedAgent(settings);
  return {
    async post(raw, body) {
      const problem = webhookUrlProblem(raw);
      if (problem) return { sent: false, reason: 'blocked_address', detail: problem, retryable: false };
      const url = new URL(raw);
      // An address written in the URL is not looked up: check it here.
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(host) && !isAllowedAddress(host, allowed))
        return {
          sent: false,
          reason: 'blocked_address',
          detail: 'private or loopback address',
          retryable: false,
        };
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body,
          redirect: 'manual',
          dispatcher: agent,
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        // Read and drop the answer so the connection can be reused.
        await res.arrayBuffer().catch(() => undefined);
        if (res.status >= 200 && res.status < 300) return { sent: true };
        const detail = `HTTP ${res.status}`;
        if (res.status >= 300 && res.status < 400)
          return {
            sent: false,
            reason: 'refused',
            detail: `${detail} (redirects are not followed)`,
            retryable: false,
          };
        if (res.status === 401 || res.status === 403)
          return { sent: false, reason: 'auth', detail, retryable: false };
        if (res.status === 408 || res.status === 429 || res.status >= 500)
          return { sent: false, reason: 'unreachable', detail, retryable: true };
        return { sent: false, reason: 'refused', detail, retryable: false };
      } catch (err) {
        const cause = (err as { cause?: unknown }).cause ?? err;
        if (cause instanceof BlockedAddress || (cause as { code?: string }).code === 'EKEIZOKU_BLOCKED')
          return {
            sent: false,
            reason: 'blocked_address',
            detail: 'private or loopback address',
            retryable: false,
          };
        const code = (cause as { code?: unknown }).code;
        const name = (err as { name?: string }).name;
        const detail =
          name === 'TimeoutError' || name === 'AbortError'
            ? 'timeout'
            : typeof code === 'string'
              ? code
              : 'network error';
        return { sent: false, reason: 'unreachable', detail, retryable: true };
      }
    },
    close: () => agent.close(),
  };
}
