/**
 * Same as PASSWORD_MIN_LENGTH in src/shared/auth.ts (policy.test.ts keeps them equal); copied so
 * the browser bundle does not pull the zod runtime in for one number.
 */
export const PASSWORD_MIN_LENGTH = 12;
