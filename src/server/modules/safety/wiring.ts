/**
 * Where safety confirmation plugs into the other HQ modules:
 *   - an earthquake incident declared by the trigger (modules/quake) sends safety requests, at once
 *     or once an HQ member confirms: to everyone who lives in a prefecture that reached the level,
 *     then to everyone working at a site there (a person is asked once per incident); a later report
 *     that adds prefectures calls it again with only the added ones, so only people not asked yet are;
 *   - the incident's situation report gets the safety totals (modules/incidents).
 */

import type { Locale } from '../../../domain/organization.js';
import { SAFETY_QUESTIONS } from '../../../domain/safety.js';
import { DomainError } from '../../errors.js';
import {
  registerSituationSection,
  type SituationContext,
  type SituationSection,
} from '../incidents/index.js';
import { type QuakeIncident, registerQuakeIncidentHook } from '../quake/index.js';
import * as repo from './repo.js';
import { overview, type SafetyContext, sendRequest } from './service.js';

/** Reminders of an earthquake's automatic request: three, an hour apart. */
const QUAKE_REMINDERS = { count: 3, intervalMinutes: 60 } as const;

/** Sends the requests of one earthquake incident; a filter that matches nobody (left) is skipped. */
async function requestForQuake(ctx: SafetyContext, quake: QuakeIncident): Promise<number> {
  const actor = { orgId: quake.orgId, userId: quake.via.kind === 'confirmed' ? quake.via.userId : null };
  const codes = quake.prefectures.map((p) => p.prefecture);
  if (codes.length === 0) return 0;
  const siteIds = await repo.siteIdsIn(ctx.db.kysely, quake.orgId, codes);
  const filters = [{ prefectureCodes: codes }, ...(siteIds.length ? [{ siteIds }] : [])];
  let asked = 0;
  for (const filter of filters) {
    try {
      const sent = await sendRequest(ctx, actor, quake.incidentId, {
        filter,
        questions: [...SAFETY_QUESTIONS],
        reminders: { ...QUAKE_REMINDERS, deadlineAt: null },
      });
      asked += sent.recipients;
    } catch (err) {
      // Nobody (left) to ask there: everyone was asked already, or nobody lives or works there.
      if (err instanceof DomainError && err.issues?.some((i) => i.code === 'safety_no_people')) continue;
      throw err;
    }
  }
  return asked;
}

const STATUS_ROWS = ['safe', 'minor_injury', 'serious_injury', 'no_answer'] as const;

type Words = Record<
  'title' | 'asked' | 'status' | 'people' | 'bySite' | 'site' | 'noSite' | (typeof STATUS_ROWS)[number],
  string
>;

const WORDS: Record<Locale, Words> = {
  ja: {
    title: '安否確認',
    asked: '{asked}人に確認し、{answered}人が回答しました。',
    status: '状況',
    people: '人数',
    safe: '無事',
    minor_injury: '軽いけが',
    serious_injury: '重いけが',
    no_answer: '未回答',
    bySite: '拠点別',
    site: '拠点',
    noSite: '拠点なし',
  },
  en: {
    title: 'Safety confirmation',
    asked: '{asked} people asked, {answered} answered.',
    status: 'Status',
    people: 'People',
    safe: 'Safe',
    minor_injury: 'Minor injury',
    serious_injury: 'Serious injury',
    no_answer: 'No answer',
    bySite: 'By site',
    site: 'Site',
    noSite: 'No site',
  },
};

/** The safety section of the situation report: totals by status, then by site (none before a request). */
async function safetySection(ctx: SituationContext): Promise<SituationSection | null> {
  const w = WORDS[ctx.locale];
  const o = await overview(ctx.db, ctx.orgId, ctx.incidentId);
  // None sent: the report says itself that there are no totals yet.
  if (o.requests.length === 0) return null;
  const fill = (text: string, values: Record<string, number>) =>
    text.replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
  return {
    id: 'safety',
    title: w.title,
    blocks: [
      {
        kind: 'paragraph' as const,
        text: fill(w.asked, { asked: o.answerTimes.asked, answered: o.answerTimes.answered }),
      },
      {
        kind: 'table' as const,
        caption: w.title,
        columns: [w.status, w.people],
        rows: STATUS_ROWS.map((s) => [w[s], String(o.totals[s])]),
      },
      {
        kind: 'table' as const,
        caption: w.bySite,
        columns: [w.site, ...STATUS_ROWS.map((s) => w[s])],
        rows: o.bySite.map((g) => [g.name ?? w.noSite, ...STATUS_ROWS.map((s) => String(g.totals[s]))]),
      },
    ],
  };
}

/** Plugs safety confirmation in, for the app whose context this is; returns the undo. */
export function connectSafety(ctx: SafetyContext): () => void {
  const unhook = registerQuakeIncidentHook(async (quake) => {
    if (quake.db === ctx.db) await requestForQuake(ctx, quake);
  });
  registerSituationSection(safetySection);
  return unhook;
}
