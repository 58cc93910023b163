/**
 * The IT-BCP document as data (PRODUCT.md module 8). Every module that has something to say in
 * the plan builds its section as blocks of plain text; the renderers (print HTML, offline HTML,
 * PDF, DOCX) turn the same blocks into each format. Text is never markup: a renderer escapes
 * every string, so what a user typed shows as text in every output.
 */
import type { Locale } from './organization.js';

/** The sections of the plan, in the order they are printed (IT-BCP template and 001). */
export const PLAN_SECTION_IDS = [
  'policy',
  'tier',
  'incidents',
  'bia',
  'backup',
  'recovery',
  'contacts',
  'first-response',
  'maintenance',
  'appendices',
] as const;
export type PlanSectionId = (typeof PLAN_SECTION_IDS)[number];

/** How a note reads: information, something to act on, or a section not written yet. */
export const PLAN_NOTE_TONES = ['info', 'warning', 'placeholder'] as const;
type PlanNoteTone = (typeof PLAN_NOTE_TONES)[number];

export type PlanBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  /** A heading inside a section (one level below the section's title). */
  | { readonly kind: 'subheading'; readonly text: string }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly string[] }
  /**
   * A table whose header row repeats on every printed page. Every row has one cell per column;
   * an empty cell is ''.
   */
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    }
  | { readonly kind: 'note'; readonly tone: PlanNoteTone; readonly text: string };

export interface PlanSection {
  readonly id: PlanSectionId;
  /** The heading, in the document's language. */
  readonly title: string;
  readonly blocks: readonly PlanBlock[];
}

/** An issued edition: numbered from 1 per organization, never changed once issued. */
interface PlanEditionStamp {
  readonly number: number;
  /** ISO date-time of issue. */
  readonly issuedAt: string;
  /** The day of issue in the organization's calendar (YYYY-MM-DD), printed on the title page. */
  readonly issuedOn: string;
  /** Who approved it (a person's display name). */
  readonly approver: string;
}

export interface PlanDocument {
  readonly locale: Locale;
  readonly organizationName: string;
  /** The document's title, e.g. "IT-BCP（IT事業継続計画）". */
  readonly title: string;
  /** ISO date-time the content was read from the database. */
  readonly generatedAt: string;
  /** null for a draft (the live plan, not issued). */
  readonly edition: PlanEditionStamp | null;
  /** In PLAN_SECTION_IDS order, each id at most once. */
  readonly sections: readonly PlanSection[];
}

/** Puts sections in the printed order whatever order the modules returned them in. */
export function orderSections(sections: readonly PlanSection[]): PlanSection[] {
  const seen = new Set<PlanSectionId>();
  for (const s of sections) {
    if (seen.has(s.id)) throw new Error(`plan section ${s.id} given twice`);
    seen.add(s.id);
  }
  return [...sections].sort((a, b) => PLAN_SECTION_IDS.indexOf(a.id) - PLAN_SECTION_IDS.indexOf(b.id));
}

/** Each section's heading in both languages (the glossary's words). */
export const PLAN_SECTION_TITLES: Readonly<Record<PlanSectionId, Readonly<Record<Locale, string>>>> = {
  policy: { ja: '基本方針と適用範囲', en: 'Policy and scope' },
  tier: { ja: 'ITへの依存度（松竹梅）と依存関係', en: 'IT dependency tier and dependencies' },
  incidents: { ja: '想定するインシデント', en: 'Assumed incidents' },
  bia: { ja: '業務影響分析（BIA）', en: 'Business impact analysis (BIA)' },
  backup: { ja: 'バックアップの方針と3-2-1の状況', en: 'Backup strategy and 3-2-1 status' },
  recovery: { ja: '復旧の順序と手順', en: 'Recovery order and procedures' },
  contacts: { ja: '復旧責任者と連絡先', en: 'Recovery owners and contacts' },
  'first-response': { ja: '対応体制と初動', en: 'Response structure and first response' },
  maintenance: { ja: '維持管理と教育・訓練', en: 'Maintenance and training' },
  appendices: { ja: '付録：台帳', en: 'Appendices: registers' },
};

/** A section a module has not written yet: its title and one note that says so. */
export function placeholderSection(id: PlanSectionId, locale: Locale, text: string): PlanSection {
  return {
    id,
    title: PLAN_SECTION_TITLES[id][locale],
    blocks: [{ kind: 'note', tone: 'placeholder', text }],
  };
}

/** How far a section is: written, written with something to act on, or not written yet. */
export type PlanSectionState = 'written' | 'findings' | 'placeholder';

export function sectionState(section: PlanSection): PlanSectionState {
  const tones = section.blocks.flatMap((b) => (b.kind === 'note' ? [b.tone] : []));
  if (tones.includes('placeholder')) return 'placeholder';
  if (tones.includes('warning')) return 'findings';
  return 'written';
}
