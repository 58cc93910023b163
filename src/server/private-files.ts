import fs from 'node:fs';
import { errnoCode } from './errno.js';

/**
 * keizoku's data files hold personal data (people, phone numbers, the audit trail): they are
 * readable by the account that runs keizoku only. Files 0600, directories 0700, whatever the umask.
 */
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

/** Create the directory (and its parents) as 0700; an existing directory keeps its mode. */
export function ensurePrivateDir(dir: string): void {
  if (fs.existsSync(dir)) return;
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir's mode passes through the umask; say it outright.
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Make a directory keizoku owns (backups, checkpoints) private, also when it already existed. */
export function makeDirPrivate(dir: string): void {
  ensurePrivateDir(dir);
  if ((fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Create an empty file as 0600 if it does not exist; an existing file readable by others is tightened. */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  makeFilePrivate(file);
}

/** Remove group and other access from an existing file (no-op when absent). */
export function makeFilePrivate(file: string): void {
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if (errnoCode(err) !== 'ENOENT') throw err;
  }
}
