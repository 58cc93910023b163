import { checkPassword } from '../../domain/password-policy.js';
import type { Config } from '../config.js';
import { audited } from '../db/tx.js';
import { nowIso } from '../ids.js';
import * as accounts from '../modules/auth/repo.js';
import { hashPassword } from '../security/passwords.js';
import { deleteUserSessions } from '../security/sessions-repo.js';
import { readPassword } from './create-admin.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';
import { translator } from './messages.js';

/**
 * `keizoku reset-password --email E`: a new password for one account, for the owner who forgot
 * theirs and has nobody above them to ask. Run by whoever runs the server. The account is unlocked,
 * every login of it ends, and the reset is audited in the system chain and in each of its
 * organizations' chains.
 */
export async function resetPasswordCommand(config: Config, io: CliIO, email: string): Promise<number> {
  const t = translator(io.env);
  const address = email.trim().toLowerCase();
  const db = openConfiguredDb(config);
  try {
    const user = await accounts.findUserByEmail(db.kysely, address);
    if (!user) throw new CliError(t('resetPassword.noUser', { email: address }));
    const password = await readPassword(io, t, t('resetPassword.prompt', { email: address }));
    const verdict = checkPassword(password, address);
    if (verdict) {
      const reason = t(verdict.code, verdict.params);
      throw new CliError(t('createAdmin.refused', { reason, code: verdict.code }));
    }
    const hash = await hashPassword(password);
    const ended = await audited(db, { userId: null, orgId: null }, async ({ trx, audit }) => {
      await accounts.updateUser(trx, user.id, {
        password_hash: hash,
        password_changed_at: nowIso(),
        failed_login_count: 0,
        locked_until: null,
      });
      const sessionsEnded = await deleteUserSessions(trx, user.id);
      for (const orgId of [null, ...(await accounts.listUserOrgIds(trx, user.id))]) {
        await audit({
          orgId,
          action: 'user.password_reset',
          entityType: 'user',
          entityId: user.id,
          details: { displayName: user.display_name, via: 'cli', sessionsEnded },
        });
      }
      return sessionsEnded;
    });
    io.out(t('resetPassword.done', { email: address, count: ended }));
    return 0;
  } finally {
    await db.close();
  }
}
