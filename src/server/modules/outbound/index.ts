import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { createMailer } from '../../mail/mailer.js';
import { createWebhookSender } from './webhook.js';
import { type OutboundWorker, startOutboundWorker } from './worker.js';

export { enqueue, listFailures, type MessageState, messageStates, type OutboundMessage } from './service.js';
export { createGuardedGetter, type GetResult } from './webhook.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * The server's sending worker, as the settings say (KEIZOKU_OUTBOUND_*): its own pooled SMTP
 * connections and webhook client. Null when KEIZOKU_OUTBOUND_WORKER=off (another process sends).
 */
export function startConfiguredOutbound(db: Db, config: Config, log: Log): { stop(): Promise<void> } | null {
  const o = config.outbound;
  if (!o.worker) return null;
  const mailer = createMailer(
    { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, pool: o.concurrency },
    log,
  );
  const webhooks = createWebhookSender({
    timeoutMs: o.webhookTimeoutMs,
    allowPrivate: o.webhookAllowPrivate,
  });
  const worker: OutboundWorker = startOutboundWorker(db, {
    mailer,
    webhooks,
    log,
    concurrency: o.concurrency,
    retry: { maxAttempts: o.maxAttempts },
  });
  return {
    async stop() {
      await worker.stop();
      mailer.close();
      await webhooks.close();
    },
  };
}
