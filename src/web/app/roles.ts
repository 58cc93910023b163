import type { TFunction } from 'i18next';
import type { Role } from '../../shared/roles.js';

/**
 * ROLES from src/shared/roles.ts, copied so the browser bundle does not load the zod runtime for a
 * list of names (roles.test.ts keeps the two equal).
 */
export const ROLES: readonly Role[] = ['owner', 'admin', 'member', 'hq', 'facilitator', 'auditor'];

/** Role names and one-line explanations (roles.<role>, roleHints.<role>). */
export function roleLabel(t: TFunction, role: Role): string {
  return t(`roles.${role}`);
}

export function roleOptions(t: TFunction): { value: Role; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function roleHint(t: TFunction, role: Role): string {
  return t(`roleHints.${role}`);
}
