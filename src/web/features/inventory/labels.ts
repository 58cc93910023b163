import type { TFunction } from 'i18next';
import { splitDuration } from '../../../domain/rto.js';
import type { NodeType, RtoValue } from '../../../shared/inventory.js';
import { ApiError } from '../../app/api.js';
import { issueMessage } from '../../app/errors.js';

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

export function nodeTypeLabel(t: TFunction, type: NodeType): string {
  return t(`inventory.nodeType.${type}`);
}

/**
 * A field problem in words: inventory/BIA codes (level_unknown, rto_negative, matrix_cell_empty …)
 * first, then the app's general sentences.
 */
export function featureIssueMessage(
  t: TFunction,
  issue: { code: string; params?: Record<string, string | number> | undefined },
): string {
  const params = issue.params ?? {};
  return t(`inventory.issues.${issue.code}`, {
    ...params,
    defaultValue: issueMessage(t, { code: issue.code, params }),
  });
}

/** Per-field messages (keyed by the first path element) and one sentence for the rest. */
export function featureFormErrors(
  t: TFunction,
  err: unknown,
  fields: readonly string[],
  fallback: (err: unknown) => string,
): { fieldErrors: Record<string, string>; formError: string | null } {
  const fieldErrors: Record<string, string> = {};
  if (!(err instanceof ApiError) || err.issues.length === 0) return { fieldErrors, formError: fallback(err) };
  const unplaced: string[] = [];
  for (const issue of err.issues) {
    const field = fields.find((f) => f === String(issue.path[0] ?? ''));
    const message = featureIssueMessage(t, issue);
    if (field) fieldErrors[field] ??= message;
    else unplaced.push(`${issue.path.join('.')}: ${message}`);
  }
  return { fieldErrors, formError: unplaced.length > 0 ? unplaced.join(' ') : null };
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
