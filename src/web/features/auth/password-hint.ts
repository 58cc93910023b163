import type { TFunction } from 'i18next';
import { PASSWORD_MIN_LENGTH } from '../../app/policy.js';

/** The password rules in plain words, shown as the description of every new-password field. */
export function passwordHint(t: TFunction): string {
  return t('password.hint', { minimum: PASSWORD_MIN_LENGTH });
}
