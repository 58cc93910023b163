import type { z } from 'zod';
import { checkPassword } from '../../domain/password-policy.js';
import { DisplayNameSchema, EmailSchema, OrganizationNameSchema } from '../../shared/auth.js';
import type { Config } from '../config.js';
import { migrateToLatest } from '../db/migrate.js';
import { audited } from '../db/tx.js';
import { newId } from '../ids.js';
import * as accounts from '../modules/auth/repo.js';
import { hashPassword } from '../security/passwords.js';
import { CliError, type CliIO, openConfiguredDb } from './io.js';
import { type Translate, translator } from './messages.js';

export interface CreateAdminInput {
  email: string;
  name: string;
  org: string;
}

const PASSWORD_ENV = 'KEIZOKU_ADMIN_PASSWORD';

function checkedText(
  t: Translate,
  flag: string,
  schema: z.ZodType<string>,
  value: string,
  max: number,
): string {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const character = issue?.code === 'custom' ? (issue.params?.character as string | undefined) : undefined;
  throw new CliError(
    character
      ? t('createAdmin.hiddenCharacter', { flag, character })
      : t('createAdmin.length', { flag, max }),
    2,
  );
}

/** The password: from KEIZOKU_ADMIN_PASSWORD, else the first line of standard input. Never a flag. */
export async function readPassword(
  io: CliIO,
  t: Translate,
  prompt = t('createAdmin.prompt'),
): Promise<string> {
  const fromEnv = io.env[PASSWORD_ENV];
  if (fromEnv) return fromEnv;
  if (io.stdinIsTty && io.promptHidden) {
    const first = await io.promptHidden(prompt);
    const second = await io.promptHidden(t('createAdmin.promptAgain'));
    if (first !== second) throw new CliError(t('createAdmin.differ'));
    return first;
  }
  const text = await io.readStdin();
  return (text.split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
}

/**
 * `keizoku create-admin`: a new organization with its owner, e.g. to recover access or to set up
 * an installation without the browser. Audited in the new organization's chain.
 */
export async function createAdminCommand(
  config: Config,
  io: CliIO,
  input: CreateAdminInput,
): Promise<number> {
  const t = translator(io.env);
  // The same schemas as the setup page, so the command cannot store what the web form refuses.
  const parsedEmail = EmailSchema.safeParse(input.email);
  if (!parsedEmail.success) throw new CliError(t('createAdmin.badEmail', { value: input.email }), 2);
  const email = parsedEmail.data;
  const name = checkedText(t, '--name', DisplayNameSchema, input.name, 100);
  const org = checkedText(t, '--org', OrganizationNameSchema, input.org, 200);

  const password = await readPassword(io, t);
  const verdict = checkPassword(password, email);
  if (verdict) {
    // The web's sentence for the same rule, with the code after it for support.
    const reason = t(verdict.code, verdict.params);
    throw new CliError(t('createAdmin.refused', { reason, code: verdict.code }));
  }

  const db = openConfiguredDb(config);
  try {
    await migrateToLatest(db);
    if (await accounts.findUserByEmail(db.kysely, email)) {
      throw new CliError(t('createAdmin.exists', { email }));
    }
    const passwordHash = await hashPassword(password);
    const userId = newId();
    const orgId = newId();
    await audited(db, { userId: null, orgId }, async ({ trx, audit }) => {
      await accounts.insertOrganization(trx, orgId, org);
      await accounts.insertUser(trx, userId, { email, displayName: name, passwordHash, locale: 'ja' });
      await accounts.insertMembership(trx, orgId, userId, 'owner');
      await audit({
        action: 'organization.create',
        entityType: 'organization',
        entityId: orgId,
        after: { name: org },
        details: { via: 'cli' },
      });
      await audit({
        action: 'user.create',
        entityType: 'user',
        entityId: userId,
        after: { email, displayName: name },
      });
      await audit({ action: 'member.add', entityType: 'user', entityId: userId, after: { role: 'owner' } });
    });
    io.out(t('createAdmin.done', { org, email }));
    return 0;
  } finally {
    await db.close();
  }
}
