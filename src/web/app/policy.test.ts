import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH as shared } from '../../shared/auth.js';
import { PASSWORD_MIN_LENGTH } from './policy.js';

describe('password policy shown in the web app', () => {
  it('states the same minimum length the server enforces', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(shared);
  });
});
