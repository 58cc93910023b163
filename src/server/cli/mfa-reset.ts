import type { Config } from '../config.js';
import { audited } from '../db/tx.js';
import * as accounts from '../modules/auth/repo.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';
import { translator } from './messages.js';

/**
 * `keizoku mfa-reset --email E`: turn two-step login off for one account, for someone who lost
 * their phone and recovery codes, or whose secret cannot be decrypted after a restore without its
 * key. Run by whoever runs the server; audited.
 */
export async function mfaResetCommand(config: Config, io: CliIO, email: string): Promise<number> {
  const t = translator(io.env);
  const db = openConfiguredDb(config);
  try {
    const address = email.trim().toLowerCase();
    const user = await accounts.findUserByEmail(db.kysely, address);
    if (!user) throw new CliError(t('mfaReset.noUser', { email: address }));
    if (!user.mfa_enabled_at && !user.mfa_secret) throw new CliError(t('mfaReset.notOn', { email: address }));
    await audited(db, { userId: null, orgId: null }, async ({ trx, audit }) => {
      await accounts.updateUser(trx, user.id, {
        mfa_secret: null,
        mfa_enabled_at: null,
        mfa_last_step: null,
      });
      await accounts.replaceRecoveryCodes(trx, user.id, []);
      await audit({
        action: 'user.mfa_reset',
        entityType: 'user',
        entityId: user.id,
        details: { via: 'cli' },
      });
    });
    io.out(t('mfaReset.done', { email: address }));
    return 0;
  } finally {
    await db.close();
  }
}
