/**
 * The answer writer's thread (answer-writer.ts): its own connection to the app's SQLite file,
 * committing with `synchronous = FULL`, writing each batch it is sent and answering its outcomes.
 * The app's thread tells the live screens once the batch is back (the bus lives there).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../../db/database.js';
import type { BatchAnswer } from './answer-batch.js';
import { writeAnswers } from './answer-batch.js';
import { toWire } from './answer-writer.js';
import type { SafetyContext } from './service.js';

const port = parentPort;
if (!port) throw new Error('answer-writer-thread.ts runs as a worker thread');

const db = openDb({ sqlitePath: (workerData as { file: string }).file, checkpointer: false });
db.sqlite?.pragma('synchronous = FULL');
const silent = { publish() {}, subscribe: () => () => {}, close: async () => {} };
const ctx: SafetyContext = { db, bus: silent, baseUrl: '' };

port.on('message', (message: { id: number; batch: BatchAnswer[] } | { close: true }) => {
  if ('close' in message) {
    void db.close().then(() => port.close());
    return;
  }
  void writeAnswers(ctx, message.batch).then((outcomes) =>
    port.postMessage({ id: message.id, outcomes: outcomes.map(toWire) }),
  );
});
