import fs from 'node:fs';
import path from 'node:path';
import { verifyAuditChains } from '../audit/audit.js';
import { type CheckpointFinding, compareWithCheckpoint, readCheckpoint } from '../audit/checkpoint.js';
import { organizationNames } from '../audit/repo.js';
import { secretKey } from '../auth/secret-box.js';
import type { Config } from '../config.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';

/** Every line `keizoku audit verify` prints, in one place (to be translated later). */
const MSG = {
  ok: (n: number) => `OK, ${n} entries`,
  broken: (chains: number, n: number) =>
    `BROKEN: ${chains} audit chain(s) fail verification (${n} entries checked)`,
  chain: (who: string, seq: number, entry: string, reason: string) =>
    `  ${who}: first broken link at seq ${seq}, entry ${entry}: ${reason}`,
  org: (id: string, name: string | undefined) => `organization ${id} (${name ?? 'deleted'})`,
  systemChain: 'system chain',
  checkpointUnreadable: (f: string) => `The checkpoint file ${f} does not exist or cannot be read.`,
  checkpointInvalid: (f: string) => `${f} is not a keizoku audit checkpoint file.`,
  checkpointForged: (f: string) =>
    `The checkpoint file ${f} was altered, or made with another secret key: it cannot be trusted. Use another copy of it.`,
  checkpointOk: (createdAt: string, chains: number) =>
    `Checkpoint of ${createdAt}: every audit entry it saw in ${chains} chain(s) is still there.`,
  checkpointMissing: (who: string, missing: number, createdAt: string, seq: number) =>
    `${who}: ${missing} audit ${missing === 1 ? 'entry' : 'entries'} recorded before the checkpoint of ${createdAt} ${missing === 1 ? 'is' : 'are'} missing (the checkpoint saw ${seq}). Someone deleted the newest entries of the audit trail.`,
  checkpointRewritten: (who: string, seq: number, createdAt: string) =>
    `${who}: audit entry ${seq} is not the one the checkpoint of ${createdAt} saw. The audit trail was rewritten after it.`,
  checkpointWho: (f: CheckpointFinding) =>
    f.chain === '' ? 'The system chain' : `Organization ${f.organization ?? '(deleted)'} (${f.chain})`,
} as const;

/**
 * `keizoku audit verify [--checkpoint FILE]`: walk every organization's hash chain, and with a
 * checkpoint file also find entries deleted together with the chain's head since the checkpoint.
 * Exit code 1 when anything is broken or missing.
 */
export async function auditVerifyCommand(
  config: Config,
  io: CliIO,
  opts: { checkpoint?: string | undefined } = {},
): Promise<number> {
  let checkpointText: string | null = null;
  const checkpointFile = opts.checkpoint ? path.resolve(opts.checkpoint) : null;
  if (checkpointFile) {
    try {
      checkpointText = fs.readFileSync(checkpointFile, 'utf8');
    } catch {
      throw new CliError(MSG.checkpointUnreadable(checkpointFile));
    }
  }
  const db = openConfiguredDb(config);
  try {
    let failed = false;
    const { checked, breaks } = await verifyAuditChains(db.kysely);
    const orgs = await organizationNames(db.kysely);
    if (breaks.length === 0) {
      io.out(MSG.ok(checked));
    } else {
      failed = true;
      io.out(MSG.broken(breaks.length, checked));
      for (const b of breaks) {
        const who = b.chain === '' ? MSG.systemChain : MSG.org(b.chain, orgs.get(b.chain));
        io.out(MSG.chain(who, b.seq, b.entryId ?? '-', b.reason));
      }
    }
    if (checkpointFile && checkpointText !== null) {
      const read = readCheckpoint(checkpointText, secretKey(config.dataDir));
      if (!read.ok) {
        io.out(
          read.reason === 'mac_mismatch'
            ? MSG.checkpointForged(checkpointFile)
            : MSG.checkpointInvalid(checkpointFile),
        );
        return 1;
      }
      const cp = read.checkpoint;
      const findings = await compareWithCheckpoint(db.kysely, cp);
      if (findings.length === 0) io.out(MSG.checkpointOk(cp.createdAt, cp.heads.length));
      for (const f of findings) {
        failed = true;
        const who = MSG.checkpointWho(f);
        io.out(
          f.missing > 0
            ? MSG.checkpointMissing(who, f.missing, cp.createdAt, f.checkpointSeq)
            : MSG.checkpointRewritten(who, f.checkpointSeq, cp.createdAt),
        );
      }
    }
    return failed ? 1 : 0;
  } finally {
    await db.close();
  }
}
