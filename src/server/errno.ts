/**
 * The code of a failed system call (ENOENT, EEXIST …), or undefined for any other error.
 * @example errnoCode(new Error('x')) // undefined
 */
export function errnoCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}
