import { createHmac, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { nowIso } from '../ids.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../private-files.js';
import * as repo from './repo.js';

/**
 * Audit checkpoints anchor the hash chains outside the database. The chains catch an altered or
 * deleted row, and `audit_heads` a deleted tail, but someone who can write the database can delete
 * the newest rows AND rewind the head together. A checkpoint file, written by every backup and
 * once a day and kept by the owner, records each chain's head with an HMAC-SHA-256 whose key is
 * derived from the secret key (never stored in the database), so it cannot be forged or rewound
 * from inside the database.
 */

const CHECKPOINT_FORMAT = 'keizoku-audit-checkpoint';

const HeadSchema = z.object({
  chain: z.string(),
  /** The organization's name when the checkpoint was written (for messages); null for the system chain. */
  organization: z.string().nullable(),
  seq: z.number().int().min(0),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const CheckpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  heads: z.array(HeadSchema),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditCheckpoint = z.infer<typeof CheckpointSchema>;

/** A key for checkpoints only, derived from the secret key, so one key never serves two purposes. */
function macKey(secretKey: Buffer): Buffer {
  return createHmac('sha256', secretKey).update('keizoku audit checkpoint v1').digest();
}

function macOf(secretKey: Buffer, body: Omit<AuditCheckpoint, 'mac'>): string {
  const canonical = JSON.stringify([body.format, body.version, body.createdAt, body.heads]);
  return createHmac('sha256', macKey(secretKey)).update(canonical).digest('hex');
}

/** Every chain's head now, with the organization's name. */
export async function takeCheckpoint(db: Kysely<Database>, secretKey: Buffer): Promise<AuditCheckpoint> {
  const rows = await repo.listHeadsWithNames(db);
  const body = {
    format: CHECKPOINT_FORMAT,
    version: 1 as const,
    createdAt: nowIso(),
    heads: rows.map((r) => ({ chain: r.chain, organization: r.name ?? null, seq: r.seq, hash: r.hash })),
  } satisfies Omit<AuditCheckpoint, 'mac'>;
  return { ...body, mac: macOf(secretKey, body) };
}

/** Write a checkpoint file (0600) atomically: a reader never sees half a file. */
export function writeCheckpointFile(file: string, checkpoint: AuditCheckpoint): void {
  ensurePrivateDir(path.dirname(file));
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, 'w', PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, `${JSON.stringify(checkpoint, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
}

export type CheckpointReadResult =
  | { ok: true; checkpoint: AuditCheckpoint }
  | { ok: false; reason: 'unreadable' | 'not_a_checkpoint' | 'mac_mismatch' };

/** Read and authenticate a checkpoint with this installation's secret key. */
export function readCheckpoint(text: string, secretKey: Buffer): CheckpointReadResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not_a_checkpoint' };
  }
  const parsed = CheckpointSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'not_a_checkpoint' };
  const { mac, ...body } = parsed.data;
  const expected = Buffer.from(macOf(secretKey, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(mac, 'hex'))) return { ok: false, reason: 'mac_mismatch' };
  return { ok: true, checkpoint: parsed.data };
}

export interface CheckpointFinding {
  chain: string;
  /** The organization's current name, else the name the checkpoint recorded. */
  organization: string | null;
  /** Entries the checkpoint saw (seq 1…checkpointSeq) that are no longer in the database. */
  missing: number;
  checkpointSeq: number;
  /** The entry at the checkpoint's seq is there but is not the one the checkpoint saw. */
  rewritten: boolean;
}

/**
 * Compare the database with a checkpoint: every entry the checkpoint saw must still be there, and
 * the entry at each recorded head must be the same one. Entries added since are not a finding.
 */
export async function compareWithCheckpoint(
  db: Kysely<Database>,
  checkpoint: AuditCheckpoint,
): Promise<CheckpointFinding[]> {
  const names = await repo.organizationNames(db);
  const findings: CheckpointFinding[] = [];
  for (const head of checkpoint.heads) {
    if (head.seq === 0) continue;
    const { present, hashAt } = await repo.chainUpTo(db, head.chain, head.seq);
    const rewritten = hashAt !== undefined && hashAt !== head.hash;
    if (present < head.seq || rewritten) {
      findings.push({
        chain: head.chain,
        organization: names.get(head.chain) ?? head.organization,
        missing: head.seq - present,
        checkpointSeq: head.seq,
        rewritten,
      });
    }
  }
  return findings;
}
