/**
 * Safety-mail benchmark (issue 12): 100,000 mails through the outbound queue to an SMTP server in
 * this process (smtp-server on 127.0.0.1, counting what it accepts per recipient). A fresh
 * temporary SQLite database; the mails are enqueued in one transaction (as a safety request
 * would), then one worker with pooled SMTP connections sends them. Prints the enqueue and the
 * delivery rates, beside a baseline measured in the same run (the same SMTP connections sending
 * without the queue), and checks that every mail arrived exactly once and every row is 'sent'.
 * FAIL (exit 1) under 1,000 mails a second or on any mail lost or doubled; the run is bounded
 * (it stops after LIMIT_S seconds).
 *
 *   npm run bench:safety-mail            (MAILS=20000 npm run bench:safety-mail for a shorter run)
 */
import { newId } from '../src/server/ids.js';
import { createMailer } from '../src/server/mail/mailer.js';
import { insertOrganization } from '../src/server/modules/auth/repo.js';
import { enqueue, type OutboundMessage } from '../src/server/modules/outbound/index.js';
import { countMessages } from '../src/server/modules/outbound/service.js';
import { createWebhookSender } from '../src/server/modules/outbound/webhook.js';
import { startOutboundWorker } from '../src/server/modules/outbound/worker.js';
import { createTestDb } from '../src/server/test/harness.js';
import { startSmtpSink } from '../src/server/test/smtp-sink.js';

const MAILS = Number(process.env.MAILS ?? 100_000);
const RATE_LIMIT = 1000;
const LIMIT_S = 300;
const CONNECTIONS = 16;
const BASELINE_MAILS = 2000;

async function main() {
  process.env.KEIZOKU_TEST_ENGINE = 'sqlite';
  const t = await createTestDb();
  const sink = await startSmtpSink();
  const mailer = createMailer({
    smtpUrl: sink.url,
    mailFrom: 'BCP事務局 <bcp@example.jp>',
    pool: CONNECTIONS,
  });
  const webhooks = createWebhookSender({ timeoutMs: 1000, allowPrivate: [] });
  let failed = false;
  try {
    const orgId = newId();
    await insertOrganization(t.db.kysely, orgId, 'Bench Org');
    const text = 'ご自身とご家族の安否を回答してください。\nhttps://bcp.example.jp/a/0123456789abcdef\n';

    // Baseline: the same pooled connections, no queue.
    const b0 = performance.now();
    for (let i = 0; i < BASELINE_MAILS; i += CONNECTIONS * 4)
      await Promise.all(
        Array.from({ length: Math.min(CONNECTIONS * 4, BASELINE_MAILS - i) }, (_, k) =>
          mailer.send({ to: `base${i + k}@example.jp`, subject: '安否確認', text }),
        ),
      );
    const baseRate = BASELINE_MAILS / ((performance.now() - b0) / 1000);

    const messages: OutboundMessage[] = Array.from({ length: MAILS }, (_, i) => ({
      channel: 'email',
      dedupeKey: `bench:${i}`,
      to: `staff${i}@example.jp`,
      subject: '【安否確認】岡山県南部で震度5弱',
      text,
    }));
    const e0 = performance.now();
    await t.db.kysely.transaction().execute((trx) => enqueue(trx, orgId, messages));
    const enqueueS = (performance.now() - e0) / 1000;

    const before = sink.total;
    const d0 = performance.now();
    const worker = startOutboundWorker(t.db, {
      mailer,
      webhooks,
      concurrency: CONNECTIONS * 4,
      batchSize: 1000,
    });
    const deadline = Date.now() + LIMIT_S * 1000;
    while (sink.total - before < MAILS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await worker.idle();
    const deliverS = (performance.now() - d0) / 1000;
    await worker.stop();

    const received = sink.total - before;
    let doubled = 0;
    let missing = 0;
    for (let i = 0; i < MAILS; i++) {
      const n = sink.received.get(`staff${i}@example.jp`) ?? 0;
      if (n === 0) missing++;
      else if (n > 1) doubled++;
    }
    const counts = await countMessages(t.db.kysely, orgId);
    const rate = received / deliverS;
    const rateOk = rate >= RATE_LIMIT;
    const countOk = missing === 0 && doubled === 0 && counts.sent === MAILS;
    failed = !rateOk || !countOk;
    console.log(`safety mail: ${MAILS} mails, SQLite, ${CONNECTIONS} pooled SMTP connections to 127.0.0.1`);
    console.log(
      `baseline: the same connections without the queue ${baseRate.toFixed(0)} mails/s (${BASELINE_MAILS} mails)`,
    );
    console.log(
      `ok   enqueue in one transaction ${(MAILS / enqueueS).toFixed(0).padStart(8)} mails/s  (${enqueueS.toFixed(2)} s, no limit)`,
    );
    console.log(
      `${rateOk ? 'ok  ' : 'FAIL'} delivery through the queue  ${rate.toFixed(0).padStart(8)} mails/s  ${(rate / baseRate).toFixed(2)}× baseline  (limit ≥ ${RATE_LIMIT} mails/s)`,
    );
    console.log(
      `${countOk ? 'ok  ' : 'FAIL'} received by the sink ${received}, missing ${missing}, twice ${doubled}, rows sent ${counts.sent ?? 0}  (limit: all ${MAILS}, none lost or doubled)`,
    );
  } finally {
    mailer.close();
    await webhooks.close();
    await sink.close();
    await t.drop();
  }
  if (failed) process.exitCode = 1;
}

await main();
