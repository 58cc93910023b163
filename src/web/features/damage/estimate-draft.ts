import { DAMAGE_CATEGORIES, type DamageCategory } from '../../../domain/damage.js';
import { recordOf } from '../../../domain/record-of.js';
import type { DamageEstimate, DamagePresets } from '../../../shared/damage.js';

/** What the estimate form edits; `link` is `operation:<id>`, `system:<id>` or null. */
export interface EstimateDraft {
  name: string;
  scenario: string;
  annualSalesYen: number | null;
  amounts: Record<DamageCategory, number>;
  presetId: string | null;
  link: string | null;
}

const emptyAmounts = (): Record<DamageCategory, number> => recordOf(DAMAGE_CATEGORIES, () => 0);

export function draftOf(e: DamageEstimate): EstimateDraft {
  return {
    name: e.name,
    scenario: e.scenario ?? '',
    annualSalesYen: e.annualSalesYen,
    amounts: { ...emptyAmounts(), ...e.amounts },
    presetId: e.presetId,
    link: e.operationId ? `operation:${e.operationId}` : e.systemId ? `system:${e.systemId}` : null,
  };
}

/** A new estimate: blank, or filled in from one of the cases (`presetId`). */
export function newDraft(
  presets: DamagePresets | undefined,
  presetId: string | null,
  lang: 'ja' | 'en',
): EstimateDraft {
  const p = presets?.presets.find((x) => x.id === presetId);
  return {
    name: p ? p.title[lang] : '',
    scenario: p ? p.scenario[lang] : '',
    annualSalesYen: p ? p.annualSalesYen : null,
    amounts: p ? { ...emptyAmounts(), ...p.amounts } : emptyAmounts(),
    presetId: p?.id ?? null,
    link: null,
  };
}

/** Percentage with one decimal (12.0 %), from whole yen. */
export function share(total: number, sales: number | null): string | null {
  if (!sales || sales <= 0) return null;
  return ((total / sales) * 100).toFixed(1);
}
