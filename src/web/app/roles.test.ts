import { describe, expect, it } from 'vitest';
import { ROLES as shared } from '../../shared/roles.js';
import { ROLES } from './roles.js';

describe('web role list', () => {
  it('is the same list the server uses, in the same order', () => {
    expect([...ROLES]).toEqual([...shared]);
  });
});
