/**
 * Whether a value is one of a vocabulary's words (a const array): a type guard, so the value reads
 * as the vocabulary's type afterwards.
 * @example isOneOf(['client', 'server'] as const, 'server') // true, and the value is 'client' | 'server'
 */
export function isOneOf<T>(words: readonly T[], value: unknown): value is T {
  return words.some((w) => w === value);
}
