import type { TFunction } from 'i18next';
import type { Register } from '../../../domain/inventory.js';

/** A field's label, the register's own wording first ("業務の担当者") else the common one. */
export function fieldLabel(t: TFunction, register: Register, name: string): string {
  return t(`inventory.fields.${register}.${name}`, { defaultValue: t(`inventory.fields.${name}`) });
}

/** The levels of the organization's scale, highest first ("5", "4", … as Select values). */
export function levelOptions(t: TFunction, scale: number): { value: string; label: string }[] {
  return Array.from({ length: scale }, (_, i) => scale - i).map((n) => ({
    value: String(n),
    label: t('inventory.levelOption', { level: n }),
  }));
}
