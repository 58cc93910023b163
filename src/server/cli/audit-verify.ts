import fs from 'node:fs';
import path from 'node:path';
import { verifyAuditChains } from '../audit-trail/audit.js';
import { type CheckpointFinding, compareWithCheckpoint, readCheckpoint } from '../audit-trail/checkpoint.js';
import { organizationNames } from '../audit-trail/repo.js';
import type { Config } from '../config.js';
import { secretKey } from '../security/secret-box.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';
import { type Translate, translator } from './messages.js';

/** Who owns a checkpoint finding, for its sentence. */
const checkpointWho = (t: Translate, f: CheckpointFinding) =>
  f.chain === ''
    ? t('audit.whoSystem')
    : f.organization
      ? t('audit.whoOrg', { name: f.organization, chain: f.chain })
      : t('audit.whoOrgDeleted', { chain: f.chain });

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
  const t = translator(io.env);
  let checkpointText: string | null = null;
  const checkpointFile = opts.checkpoint ? path.resolve(opts.checkpoint) : null;
  if (checkpointFile) {
    try {
      checkpointText = fs.readFileSync(checkpointFile, 'utf8');
    } catch {
      throw new CliError(t('audit.checkpointUnreadable', { file: checkpointFile }));
    }
  }
  const db = openConfiguredDb(config);
  try {
    let failed = false;
    const { checked, breaks } = await verifyAuditChains(db.kysely);
    const orgs = await organizationNames(db.kysely);
    if (breaks.length === 0) {
      io.out(t('audit.ok', { count: checked }));
    } else {
      failed = true;
      io.out(t('audit.broken', { chains: breaks.length, count: checked }));
      for (const b of breaks) {
        const name = orgs.get(b.chain);
        const who =
          b.chain === ''
            ? t('audit.systemChain')
            : name === undefined
              ? t('audit.orgDeleted', { id: b.chain })
              : t('audit.org', { id: b.chain, name });
        io.out(t('audit.chain', { who, seq: b.seq, entry: b.entryId ?? '-', reason: b.reason }));
      }
    }
    if (checkpointFile && checkpointText !== null) {
      const read = readCheckpoint(checkpointText, secretKey(config.dataDir));
      if (!read.ok) {
        io.out(
          read.reason === 'mac_mismatch'
            ? t('audit.checkpointForged', { file: checkpointFile })
            : t('audit.checkpointInvalid', { file: checkpointFile }),
        );
        return 1;
      }
      const cp = read.checkpoint;
      const findings = await compareWithCheckpoint(db.kysely, cp);
      if (findings.length === 0)
        io.out(t('audit.checkpointOk', { createdAt: cp.createdAt, chains: cp.heads.length }));
      for (const f of findings) {
        failed = true;
        const who = checkpointWho(t, f);
        io.out(
          f.missing > 0
            ? t('audit.checkpointMissing', {
                who,
                missing: f.missing,
                createdAt: cp.createdAt,
                seq: f.checkpointSeq,
              })
            : t('audit.checkpointRewritten', { who, seq: f.checkpointSeq, createdAt: cp.createdAt }),
        );
      }
    }
    return failed ? 1 : 0;
  } finally {
    await db.close();
  }
}
