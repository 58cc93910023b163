import type { TFunction } from 'i18next';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { Register } from '../../../domain/inventory.js';
import { splitDuration } from '../../../domain/rto.js';
import type { RtoValue } from '../../../shared/inventory.js';
import { featureIssues } from '../../app/feature-issues.js';

/** An RTO in plain words: "3時間以内", "すぐ", "7日以上", "リスク受容", "未設定". */
export function rtoLabel(t: TFunction, rto: RtoValue | null | undefined): string {
  if (!rto) return t('inventory.rto.none');
  if (rto.kind === 'risk_accepted') return t('inventory.rto.risk_accepted');
  if (rto.kind === 'not_set') return t('inventory.rto.not_set');
  if (rto.kind === 'duration' && rto.minutes === 0) return t('inventory.rto.immediately');
  const { amount, unit } = splitDuration(rto.minutes);
  const span = t(`inventory.rto.unit.${unit}`, { count: amount });
  return rto.kind === 'duration' ? t('inventory.rto.within', { span }) : t('inventory.rto.atLeast', { span });
}

export const PRIORITY_COLORS: Record<string, string> = {
  S: 'red',
  A: 'orange',
  B: 'yellow',
  C: 'teal',
  D: 'gray',
};

export function nodeTypeLabel(t: TFunction, type: NodeKind): string {
  return t(`inventory.nodeType.${type}`);
}

const inventoryIssues = featureIssues('inventory', { withPath: true });

/**
 * A field problem in words: inventory/BIA codes (level_unknown, rto_negative, matrix_cell_empty …)
 * first, then the app's general sentences.
 */
export const featureIssueMessage = inventoryIssues.message;

/** Per-field messages (keyed by the first path element) and one sentence for the rest, each named by its path. */
export const featureFormErrors = inventoryIssues.formErrors;

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

/** Yen with thousands separators: ¥10,400,000. */
export function yen(lang: string, amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    style: 'currency',
    currency: 'JPY',
    maximumFractionDigits: 0,
  }).format(amount);
}
