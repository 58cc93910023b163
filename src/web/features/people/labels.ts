import type { TFunction } from 'i18next';
import { EMPLOYMENT_STATUSES, type EmploymentStatus } from '../../../domain/organization.js';
import { featureIssues } from '../../app/feature-issues.js';

export function employmentStatusOptions(t: TFunction): { value: EmploymentStatus; label: string }[] {
  return EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: t(`people.status.${s}`) }));
}

const peopleIssues = featureIssues('people');

/**
 * A field problem in words: people-specific codes (invalid_kana, unknown_site, duplicate_in_file …)
 * first, then the app's general issue sentences.
 */
export const personIssueMessage = peopleIssues.message;

/**
 * Splits an API error into per-field messages (with the people codes translated) and one message
 * for the whole form. Issues on fields the form does not have join the form-level message.
 */
export const personFormErrors = peopleIssues.formErrors;
