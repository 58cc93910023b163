import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server inside the test process: keizoku's mailer connects to it over TCP and logs in
 * with the user and password of `url`; every message is parsed as a mail program would.
 */
export interface Mailbox {
  /** SMTP_URL for the app under test. */
  url: string;
  received: ParsedMail[];
  /** The next message to `to` (already received or arriving within `ms`). */
  waitFor(to: string, ms?: number): Promise<ParsedMail>;
  /** Messages to `to` so far. */
  to(to: string): ParsedMail[];
  close(): Promise<void>;
}

const USER = 'keizoku';
const PASSWORD = 'smtp-test-pass-5512';

const recipients = (m: ParsedMail): string[] =>
  [m.to ?? []].flat().flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));

export async function startMailbox(): Promise<Mailbox> {
  const received: ParsedMail[] = [];
  const listeners = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          for (const l of listeners) l();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const to = (address: string) => received.filter((m) => recipients(m).includes(address.toLowerCase()));
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    received,
    to,
    waitFor: (address, ms = 5000) =>
      new Promise<ParsedMail>((resolve, reject) => {
        const check = () => {
          const found = to(address)[0];
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no mail to ${address} within ${ms} ms`));
        }, ms);
        listeners.add(check);
        check();
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
