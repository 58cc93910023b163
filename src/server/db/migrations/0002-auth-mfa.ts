import type { Kysely } from 'kysely';

// The time step of the last TOTP code accepted for a user, so the same code cannot be used twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('mfa_last_step', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('mfa_last_step').execute();
}
