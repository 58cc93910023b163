import type { Config } from '../config.js';
import { audited } from '../db/tx.js';
import * as accounts from '../modules/auth/repo.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';

/** Every line `keizoku mfa-reset` prints, in one place (to be translated later). */
const MSG = {
  noUser: (email: string) => `No account has the e-mail address ${email}; nothing changed.`,
  notOn: (email: string) => `Two-step login is not on for ${email}; nothing changed.`,
  done: (email: string) =>
    `Two-step login is off for ${email}. They log in with their password alone and should turn two-step login on again in their account settings.`,
} as const;

/**
 * `keizoku mfa-reset --email E`: turn two-step login off for one account, for someone who lost
 * their phone and recovery codes, or whose secret cannot be decrypted after a restore without its
 * key. Run by whoever runs the server; audited.
 */
export async function mfaResetCommand(config: Config, io: CliIO, email: string): Promise<number> {
  const db = openConfiguredDb(config);
  try {
    const address = email.trim().toLowerCase();
    const user = await accounts.findUserByEmail(db.kysely, address);
    if (!user) throw new CliError(MSG.noUser(address));
    if (!user.mfa_enabled_at && !user.mfa_secret) throw new CliError(MSG.notOn(address));
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
        details: { by: 'command line' },
      });
    });
    io.out(MSG.done(address));
    return 0;
  } finally {
    await db.close();
  }
}
