/**
 * What other parts use of the earthquake trigger: the safety module registers the function that
 * sends safety requests for an earthquake incident (registerQuakeIncidentHook; onQuakeIncident
 * calls every registered one), and `serve` starts the worker.
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import { createGuardedGetter } from '../outbound/index.js';
import { startQuakeWorker } from './worker.js';

export { type QuakeIncident, registerQuakeIncidentHook } from './hooks.js';

interface Log {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The trigger's worker as the settings say: the outbound guard's limits for fetching feeds. */
export function startConfiguredQuakeWorker(db: Db, config: Config, log: Log): { stop(): Promise<void> } {
  const getter = createGuardedGetter({
    timeoutMs: config.outbound.webhookTimeoutMs,
    allowPrivate: config.outbound.webhookAllowPrivate,
  });
  const worker = startQuakeWorker({ db, bus: eventBusFor(db, log), log }, getter, log);
  return {
    async stop() {
      await worker.stop();
      await getter.close();
    },
  };
}
