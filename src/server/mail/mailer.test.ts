import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { type Mailbox, startMailbox } from '../test/mailbox.js';
import { createMailer } from './mailer.js';

/** The mailer against a real SMTP server in this process (and against nothing). */

let box: Mailbox;
beforeAll(async () => {
  box = await startMailbox();
});
afterAll(async () => {
  await box.close();
});

const FROM = 'keizoku <noreply@keizoku.example.jp>';

describe('mailer', () => {
  it('sends one plain-text message from the configured sender, logging in with the URL', async () => {
    const mailer = createMailer({ smtpUrl: box.url, mailFrom: FROM });
    expect(mailer.configured).toBe(true);
    const result = await mailer.send({
      to: 'taro@example.jp',
      subject: '件名のテスト',
      text: '本文です。\nhttps://x/y',
    });
    expect(result).toEqual({ sent: true });
    const mail = await box.waitFor('taro@example.jp');
    expect(mail.subject).toBe('件名のテスト');
    expect(mail.text?.trim()).toBe('本文です。\nhttps://x/y');
    expect(mail.from?.value[0]).toEqual({ address: 'noreply@keizoku.example.jp', name: 'keizoku' });
    mailer.close();
  });

  it("reads SMTP_URL and MAIL_FROM, with a sender on BASE_URL's host by default", () => {
    const env = { BASE_URL: 'https://bcp.example.co.jp', SMTP_URL: 'smtps://u:p@mail.example.jp:465' };
    expect(loadConfig(env)).toMatchObject({
      smtpUrl: env.SMTP_URL,
      mailFrom: 'keizoku <noreply@bcp.example.co.jp>',
    });
    expect(loadConfig({ ...env, MAIL_FROM: 'BCP <bcp@example.jp>' }).mailFrom).toBe('BCP <bcp@example.jp>');
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ SMTP_URL: 'mail.example.jp' })).toThrow(ConfigError);
  });

  it('sends nothing and says so when SMTP_URL is not set', async () => {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: FROM });
    expect(mailer.configured).toBe(false);
    expect(await mailer.send({ to: 'a@example.jp', subject: 's', text: 't' })).toEqual({
      sent: false,
      reason: 'not_configured',
    });
  });

  it('reports a refused login and an unreachable server with a reason, never the password', async () => {
    const warnings: unknown[] = [];
    const log = { warn: (obj: object, msg: string) => warnings.push({ ...obj, msg }) };
    const wrong = box.url.replace('smtp-test-pass-5512', 'wrong-pass-9931');
    const refused = await createMailer({ smtpUrl: wrong, mailFrom: FROM }, log).send({
      to: 'b@example.jp',
      subject: 's',
      text: 't',
    });
    expect(refused).toMatchObject({ sent: false, reason: 'auth' });

    // A port nobody listens on.
    const free = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const down = await createMailer(
      { smtpUrl: `smtp://keizoku:secret-never-logged@127.0.0.1:${free}`, mailFrom: FROM },
      log,
    ).send({ to: 'c@example.jp', subject: 's', text: 't' });
    expect(down).toMatchObject({ sent: false, reason: 'unreachable' });

    expect(warnings).toHaveLength(2);
    const said = JSON.stringify([refused, down, warnings]);
    expect(said).not.toContain('wrong-pass-9931');
    expect(said).not.toContain('secret-never-logged');
    expect(box.to('b@example.jp')).toEqual([]);
  });
});
