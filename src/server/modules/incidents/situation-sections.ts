/**
 * Sections other modules add to an incident's situation report (like the home page's
 * CONTRIBUTORS). The safety confirmation module registers its totals here (by status, site and
 * department; non-responders); until one does, the report's safety section says that no totals
 * exist yet. A contributor words its section in the reader's language (`locale`) and prints times in
 * the organization's zone (`timeZone`); it must read the incident's own data only.
 */
import type { Locale } from '../../../domain/organization.js';
import type { SituationReport } from '../../../shared/situation.js';
import type { Db } from '../../db/database.js';

export interface SituationContext {
  db: Db;
  orgId: string;
  incidentId: string;
  mode: 'real' | 'drill';
  locale: Locale;
  timeZone: string;
  now: Date;
}

export interface SituationSection {
  /** A fixed word (e.g. 'safety'); the report's order puts 'safety' first. */
  id: string;
  title: string;
  /** Paragraphs, lists, tables and notes (domain/plan-document.ts PlanBlock). */
  blocks: SituationReport['sections'][number]['blocks'];
}

export type SituationContributor = (ctx: SituationContext) => Promise<SituationSection | null>;

const CONTRIBUTORS: SituationContributor[] = [];

/** Adds a module's section to every situation report (call once, at import). */
export function registerSituationSection(contributor: SituationContributor): void {
  if (!CONTRIBUTORS.includes(contributor)) CONTRIBUTORS.push(contributor);
}

/** The registered modules' sections for one report, in registration order. */
export async function contributedSections(ctx: SituationContext): Promise<SituationSection[]> {
  const out: SituationSection[] = [];
  for (const c of CONTRIBUTORS) {
    const s = await c(ctx);
    if (s) out.push(s);
  }
  return out;
}
