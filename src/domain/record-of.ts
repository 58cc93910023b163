/**
 * A record with one entry for each word of a vocabulary (a const array), its value computed from
 * the word: the typed form of `Object.fromEntries(words.map(...))`.
 * @example recordOf(['a', 'b'] as const, () => 0) // { a: 0, b: 0 }, typed Record<'a' | 'b', number>
 */
export function recordOf<K extends string, V>(words: readonly K[], value: (word: K) => V): Record<K, V> {
  // Object.fromEntries types its keys as string; every word of K gets its entry here.
  return Object.fromEntries(words.map((w) => [w, value(w)])) as Record<K, V>;
}
