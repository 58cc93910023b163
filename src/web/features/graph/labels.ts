import type { TFunction } from 'i18next';
import type { Priority } from '../../../domain/bia.js';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { splitDuration } from '../../../domain/rto.js';
import type { RtoValue } from '../../../shared/inventory.js';
import { featureIssues } from '../../app/feature-issues.js';

/*
 * The graph's words as inventory, BIA, damage and diagnosis pages show them: RTOs, priorities,
 * kinds of node, and the problems their forms report (translations under `inventory.*`).
 */

/** An RTO in plain words: "3時間以内", "すぐ", "7日以上", "リスク受容", "未設定". */
export function rtoLabel(t: TFunction, rto: RtoValue | null | undefined): string {
  if (!rto) return t('inventory.rto.none');
  if (rto.kind === 'risk_accepted') return t('inventory.rto.risk_accepted');
  if (rto.kind === 'not_set') return t('inventory.rto.not_set');
  if (rto.kind === 'duration' && rto.minutes === 0) return t('inventory.rto.immediately');
  const { amount, unit } = splitDuration(rto.minutes, rto.unit);
  const span = t(`inventory.rto.unit.${unit}`, { count: amount });
  return rto.kind === 'duration' ? t('inventory.rto.within', { span }) : t('inventory.rto.atLeast', { span });
}

/** Mantine colour of each priority badge, most urgent hottest. */
export const PRIORITY_COLORS: Readonly<Record<string, string>> = {
  S: 'red',
  A: 'orange',
  B: 'yellow',
  C: 'teal',
  D: 'gray',
} satisfies Record<Priority, string>;

export function nodeKindLabel(t: TFunction, kind: NodeKind): string {
  return t(`inventory.nodeType.${kind}`);
}

const graphIssues = featureIssues('inventory', { withPath: true });

/**
 * A field problem in words: inventory/BIA codes (level_unknown, rto_negative, matrix_cell_empty …)
 * first, then the app's general sentences.
 */
export const featureIssueMessage = graphIssues.message;

/** Per-field messages (keyed by the first path element) and one sentence for the rest, each named by its path. */
export const featureFormErrors = graphIssues.formErrors;
