import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server in this process that counts what it accepts per recipient, without parsing
 * the mails (the outbound queue's tests and benchmark). `refuse` may answer a recipient with an
 * SMTP error instead: `{ code: 451 }` (try later) or `{ code: 550 }` (never).
 */
export interface SmtpSink {
  url: string;
  /** Accepted mails per recipient address (lower-cased). */
  received: Map<string, number>;
  readonly total: number;
  close(): Promise<void>;
}

export async function startSmtpSink(
  opts: { refuse?: (address: string, attempt: number) => { code: number; message: string } | null } = {},
): Promise<SmtpSink> {
  const received = new Map<string, number>();
  const attempts = new Map<string, number>();
  let total = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 200,
    // No reverse DNS look-up of each client: 127.0.0.1 only, and it can take seconds offline.
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      const a = address.address.toLowerCase();
      const n = (attempts.get(a) ?? 0) + 1;
      attempts.set(a, n);
      const refusal = opts.refuse?.(a, n);
      if (refusal) {
        const err = new Error(refusal.message) as Error & { responseCode: number };
        err.responseCode = refusal.code;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) {
          const a = r.address.toLowerCase();
          received.set(a, (received.get(a) ?? 0) + 1);
          total++;
        }
        callback();
      });
    },
  });
  // Replies go out at once (no Nagle delay waiting for the client's delayed ACK on loopback).
  server.server.on('connection', (socket: import('node:net').Socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get total() {
      return total;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
