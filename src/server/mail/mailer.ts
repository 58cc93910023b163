import type { Transporter } from 'nodemailer';

/** One plain-text mail to one address. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * What became of one mail. `reason` is a short code a caller may store or show to an owner:
 * not_configured (no SMTP_URL), unreachable (no connection, timeout), auth (the server refused the
 * login), refused (the server refused the sender or the address), failed (anything else). `detail`
 * is for the log: the SMTP server's code and reply, never the SMTP_URL or its password.
 */
export type SendResult =
  | { sent: true }
  | {
      sent: false;
      reason: 'not_configured' | 'unreachable' | 'auth' | 'refused' | 'failed';
      detail?: string;
      /** The SMTP reply code when the server answered (4xx: try again later; 5xx: for good). */
      responseCode?: number;
    };

/** Sends keizoku's mails through the server in SMTP_URL; reused by every module that mails. */
export interface Mailer {
  /** False when SMTP_URL is not set: `send` then answers not_configured and sends nothing. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<SendResult>;
  close(): void;
}

interface MailerSettings {
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * Keep up to this many SMTP connections open and send many mails over each (the outbound
   * queue). Unset: one connection per mail, closed after it.
   */
  pool?: number;
}

interface MailerLog {
  warn(obj: object, msg: string): void;
}

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function failure(err: unknown): Extract<SendResult, { sent: false }> {
  const e = (err ?? {}) as { code?: unknown; responseCode?: unknown; response?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  // The server's reply (e.g. "550 5.1.1 unknown user"), cut short; nodemailer's own messages can
  // quote the connection's host, so they are not used.
  const response = typeof e.response === 'string' ? e.response.slice(0, 200) : '';
  const detail = [code, response].filter(Boolean).join(' ') || 'unknown error';
  let reason: Extract<SendResult, { sent: false }>['reason'] = 'failed';
  if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS'].includes(code)) reason = 'unreachable';
  else if (code === 'EAUTH' || responseCode === 535) reason = 'auth';
  else if (code === 'EENVELOPE' || (responseCode !== undefined && responseCode >= 500)) reason = 'refused';
  return { sent: false, reason, detail, ...(responseCode !== undefined ? { responseCode } : {}) };
}

export function createMailer(settings: MailerSettings, log?: MailerLog): Mailer {
  const url = settings.smtpUrl;
  if (!url) {
    return {
      configured: false,
      send: async () => ({ sent: false, reason: 'not_configured' }),
      close: () => undefined,
    };
  }
  // nodemailer reads user, password, host, port and smtps:// (TLS) from the URL itself; its own
  // logger stays off, so the URL and the login never reach a log. It is loaded at the first mail,
  // so the command line and a server without mail do not pay for it.
  let transport: Transporter | null = null;
  const open = async () => {
    const nodemailer = await import('nodemailer');
    const pool = settings.pool
      ? { pool: true, maxConnections: settings.pool, maxMessages: Number.POSITIVE_INFINITY }
      : {};
    transport ??= nodemailer.createTransport({ url, ...TIMEOUTS, ...pool, logger: false, debug: false });
    return transport;
  };
  return {
    configured: true,
    async send(message) {
      try {
        await (await open()).sendMail({ from: settings.mailFrom, ...message });
        return { sent: true };
      } catch (err) {
        const result = failure(err);
        log?.warn({ reason: result.reason, detail: result.detail }, 'mail not sent');
        return result;
      }
    },
    close: () => transport?.close(),
  };
}
