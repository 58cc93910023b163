import { verifyAuditChains } from '../audit/audit.js';
import type { Config } from '../config.js';
import { type CliIO, openConfiguredDb } from './io.js';

/**
 * `keizoku audit verify`: walk every organization's hash chain. Prints "OK, N entries" or, per
 * broken chain, its first broken link; exit code 1 when anything is broken.
 */
export async function auditVerifyCommand(config: Config, io: CliIO): Promise<number> {
  const db = openConfiguredDb(config);
  try {
    const { checked, breaks } = await verifyAuditChains(db.kysely);
    if (breaks.length === 0) {
      io.out(`OK, ${checked} entries`);
      return 0;
    }
    const orgs = new Map(
      (await db.kysely.selectFrom('organizations').select(['id', 'name']).execute()).map((o) => [
        o.id,
        o.name,
      ]),
    );
    io.out(`BROKEN: ${breaks.length} audit chain(s) fail verification (${checked} entries checked)`);
    for (const b of breaks) {
      const who =
        b.chain === '' ? 'system chain' : `organization ${b.chain} (${orgs.get(b.chain) ?? 'deleted'})`;
      io.out(`  ${who}: first broken link at seq ${b.seq}, entry ${b.entryId ?? '-'}: ${b.reason}`);
    }
    return 1;
  } finally {
    await db.close();
  }
}
