import { type MessageKey, type MessageParams, translate } from '../cli/messages.js';

/** The catalog keys of backup refusals (their sentences are in src/server/cli/messages.ts). */
export type BackupMessageKey = Extract<MessageKey, `backupError.${string}`>;

/**
 * A backup or restore that cannot go ahead; the message says why, in words an operator can act
 * on. `message` is the English sentence (logs, the backups page); the command line prints `key`
 * in the user's language.
 */
export class BackupError extends Error {
  constructor(
    readonly key: BackupMessageKey,
    readonly params: MessageParams = {},
  ) {
    super(translate('en', key, params));
    this.name = 'BackupError';
  }
}
