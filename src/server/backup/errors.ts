/** A backup or restore that cannot go ahead; the message says why, in words an operator can act on. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
