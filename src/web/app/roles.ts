import type { TFunction } from 'i18next';
import { ROLES, type Role } from '../../domain/organization.js';

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
