import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../mail/mailer.js';
import { createItem } from '../../test/factories.js';
import { createOrgWithUser, withTestApp } from '../../test/harness.js';
import { createWebhookSender } from '../outbound/webhook.js';
import { startOutboundWorker } from '../outbound/worker.js';

/** Safety mails through the real outbound worker to a real SMTP server, and the chat announcement to a real HTTP server. */

const t = withTestApp();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Received {
  to: string;
  subject: string;
  text: string;
}

/** An SMTP server that keeps what it receives and refuses the addresses in `refuse` (550). */
async function smtpServer(refuse: readonly string[] = []): Promise<{ url: string; mails: Received[] }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      if (refuse.includes(address.address)) {
        const err = Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 });
        callback(err);
      } else callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to[0] : m.to;
          mails.push({ to: to?.value[0]?.address ?? '', subject: m.subject ?? '', text: m.text ?? '' });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, mails };
}

describe('safety mails', () => {
  it('delivers one personal link per person over SMTP and announces the request in the chat room', async () => {
    const { client } = await createOrgWithUser(t, 'owner', 'さくらフィットネス');
    const suffix = crypto.randomBytes(3).toString('hex');
    const emails = [`taro-${suffix}@example.jp`, `hanako-${suffix}@example.jp`];
    for (const [i, email] of emails.entries())
      await createItem(client, 'person', { name: i === 0 ? '山田太郎' : '佐藤花子', email });
    const incident = (
      await client.post('/api/v1/incidents', { type: 'earthquake', mode: 'real', title: '岡山県南部地震' })
    ).json();

    const posts: unknown[] = [];
    const hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        posts.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => hook.close(() => resolve())));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/services/T000/B000/secret`;

    const sent = await client.post(`/api/v1/incidents/${incident.id}/safety/requests`, {
      announce: { channel: 'slack', url: hookUrl },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toEqual({ recipients: 2, emails: 2 });

    const smtp = await smtpServer();
    const mailer = createMailer({
      smtpUrl: smtp.url,
      mailFrom: 'keizoku <noreply@keizoku.example.jp>',
      pool: 2,
    });
    cleanups.push(() => mailer.close());
    const webhooks = createWebhookSender({ timeoutMs: 5000, allowPrivate: ['127.0.0.1'] });
    cleanups.push(() => webhooks.close());
    const worker = startOutboundWorker(t.db, { mailer, webhooks, pollMs: 20 });
    cleanups.push(() => worker.stop());
    await worker.idle();

    expect(smtp.mails.map((m) => m.to).sort()).toEqual([...emails].sort());
    const taro = smtp.mails.find((m) => m.to === emails[0]);
    expect(taro?.subject).toBe('安否確認: 岡山県南部地震 / Safety check');
    expect(taro?.text).toContain('山田太郎 様');
    const link = /(https?:\/\/\S+\/a\/([A-Za-z0-9_-]{43}))/.exec(taro?.text ?? '');
    expect(link?.[1]?.startsWith(`${t.config.baseUrl}/a/`)).toBe(true);
    const token = link?.[2] as string;
    expect(JSON.stringify(posts)).toContain('岡山県南部地震');
    expect(JSON.stringify(posts)).not.toContain(token);

    const page = await t.app.inject({ method: 'GET', url: `/a/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('山田太郎');
    const res = await t.app.inject({
      method: 'POST',
      url: `/a/${token}`,
      payload: { status: 'safe', canWork: 'office' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(res.statusCode, res.body).toBe(201);
    const o = (await client.get(`/api/v1/incidents/${incident.id}/safety`)).json();
    expect(o.totals).toEqual({ safe: 1, minor_injury: 0, serious_injury: 0, no_answer: 1 });
  });

  it('shows the HQ whose mail could not be delivered, with the reason, until a later mail gets through', async () => {
    const { client } = await createOrgWithUser(t, 'owner', 'さくらフィットネス');
    const suffix = crypto.randomBytes(3).toString('hex');
    const good = `ok-${suffix}@example.jp`;
    const typo = `typo-${suffix}@example.jp`;
    await createItem(client, 'person', { name: '山田太郎', email: good });
    const wrong = await createItem(client, 'person', { name: '佐藤花子', email: typo });
    const incident = (
      await client.post('/api/v1/incidents', { type: 'earthquake', mode: 'real', title: '岡山県南部地震' })
    ).json();
    expect((await client.post(`/api/v1/incidents/${incident.id}/safety/requests`, {})).statusCode).toBe(201);

    const smtp = await smtpServer([typo]);
    const mailer = createMailer({
      smtpUrl: smtp.url,
      mailFrom: 'keizoku <noreply@keizoku.example.jp>',
      pool: 1,
    });
    cleanups.push(() => mailer.close());
    const webhooks = createWebhookSender({ timeoutMs: 5000, allowPrivate: [] });
    cleanups.push(() => webhooks.close());
    const worker = startOutboundWorker(t.db, { mailer, webhooks, pollMs: 20 });
    cleanups.push(() => worker.stop());
    await worker.idle();

    type Overview = {
      recipients: { name: string; mail: { status: string; reason: string | null } | null }[];
    };
    const mailOf = async (name: string) => {
      const o = (await client.get(`/api/v1/incidents/${incident.id}/safety`)).json() as Overview;
      return o.recipients.find((r) => r.name === name)?.mail;
    };
    expect(await mailOf('山田太郎')).toMatchObject({ status: 'sent', reason: null });
    expect(await mailOf('佐藤花子')).toMatchObject({ status: 'failed', reason: 'refused' });

    // The address is corrected in the directory and the link sent again: the new mail counts.
    const fixed = `hanako-${suffix}@example.jp`;
    const person = (await client.get(`/api/v1/people/${wrong.id}`)).json() as { version: number };
    const patched = await client.patch(
      `/api/v1/people/${wrong.id}`,
      { email: fixed },
      { 'if-match': `"${person.version}"` },
    );
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await client.post(`/api/v1/incidents/${incident.id}/safety/resend`, {})).statusCode).toBe(200);
    await worker.idle();
    expect(smtp.mails.map((m) => m.to)).toContain(fixed);
    expect(await mailOf('佐藤花子')).toMatchObject({ status: 'sent', reason: null });
  });
});
