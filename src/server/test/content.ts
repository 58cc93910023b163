import { ContentError } from '../content/load.js';

/** The ContentError that `fn` throws (a content file refused); fails the test when it throws none. */
export function contentFailure(fn: () => unknown): ContentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error('expected a ContentError');
}
