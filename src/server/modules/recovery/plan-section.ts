/**
 * The recovery plan's sections of the IT-BCP document (PRODUCT module 8; IT-BCP template 5.1–5.3,
 * 001 §第一段階 / §第二段階 / §被災時の対策): assumed incidents, recovery order with each system's
 * procedures and feasibility, owners and contacts, cyber first response. Plain text blocks only;
 * the plan module renders them (and escapes every string).
 */

import { LAYER_LABELS } from '../../../domain/inventory.js';
import type { Locale } from '../../../domain/organization.js';
import type { PlanBlock, PlanSection } from '../../../domain/plan-document.js';
import { formatMinutes, INCIDENT_TYPES } from '../../../domain/recovery.js';
import { formatRtoCell } from '../../../domain/rto-text.js';
import type { StoredStep } from '../../../shared/recovery.js';
import { StoredStepsSchema } from '../../../shared/recovery.js';
import { decodeJsonColumn } from '../../db/json-column.js';
import type { PlanSectionContributor } from '../types.js';
import { recoveryContent } from './content.js';
import { allNames } from './repo.js';
import { listContacts, listIncidents, planState } from './service.js';

const WORDS = {
  ja: {
    incidents: '想定するインシデント',
    incidentsIntro: '次のインシデントによって事業が中断することを想定します。',
    noIncidents: '想定するインシデントはまだ選ばれていません。',
    incident: 'インシデント',
    whatStops: '止まるもの',
    why: '想定する理由',
    layers: '被害を受けるレイヤー',
    recovery: '復旧の順番と手順',
    orderCaption: '復旧の順番',
    order: '順番',
    system: 'システム',
    priority: '優先度',
    target: '目標復旧時間',
    back: '暫定復旧までの見込み',
    verdict: '判定',
    verdicts: {
      meets: '間に合う',
      misses: '間に合わない',
      no_target: '目標なし',
      no_procedure: '手順なし',
    },
    noSystems: 'システムがまだ登録されていません。',
    cycle: (names: string) => `次のシステムは互いに相手を必要としているため、順番を決めきれません：${names}`,
    phase1: '第一段階　緊急・暫定復旧',
    phase2: '第二段階　完全・恒久的復旧',
    step: '手順',
    owner: '担当',
    duration: '時間',
    waitsFor: '先に済ませること',
    contacts: '連絡先',
    note: '備考',
    degraded: '暫定の構成について',
    late: (gap: string) => `目標復旧時間より${gap}遅れます。手順を見直してください。`,
    noProcedure: 'このシステムの復旧手順はまだありません。',
    contactsTitle: '復旧責任者と関係者連絡先',
    damageTarget: '被害対象',
    recoveryOwner: '復旧責任者',
    noContacts: '復旧責任者はまだ決まっていません。',
    firstResponse: 'サイバー攻撃を受けたときの初動',
    leak: '個人データが漏えいしたとき',
    notify: '知らせる相手',
    when: '期限',
    what: '内容',
    none: '—',
  },
  en: {
    incidents: 'Assumed incidents',
    incidentsIntro: 'The plan assumes the business may be interrupted by the following incidents.',
    noIncidents: 'No incident has been chosen yet.',
    incident: 'Incident',
    whatStops: 'What stops',
    why: 'Why it matters',
    layers: 'Layers damaged',
    recovery: 'Recovery order and procedures',
    orderCaption: 'Recovery order',
    order: 'Order',
    system: 'System',
    priority: 'Priority',
    target: 'Target recovery time',
    back: 'Expected back after (provisional)',
    verdict: 'Verdict',
    verdicts: {
      meets: 'Meets the target',
      misses: 'Misses the target',
      no_target: 'No target',
      no_procedure: 'No procedure',
    },
    noSystems: 'No systems are registered yet.',
    cycle: (names: string) => `These systems need each other, so their order cannot be settled: ${names}`,
    phase1: 'Phase 1: emergency, provisional recovery',
    phase2: 'Phase 2: full, permanent recovery',
    step: 'Step',
    owner: 'Owner',
    duration: 'Time',
    waitsFor: 'Must be done first',
    contacts: 'Contacts',
    note: 'Notes',
    degraded: 'About the provisional setup',
    late: (gap: string) => `Misses the target recovery time by ${gap}. Rework the steps.`,
    noProcedure: 'This system has no recovery procedure yet.',
    contactsTitle: 'Recovery owners and contacts',
    damageTarget: 'Damage target',
    recoveryOwner: 'Recovery owner',
    noContacts: 'No recovery owner has been named yet.',
    firstResponse: 'First response to a cyber attack',
    leak: 'When personal data leaks',
    notify: 'Who to tell',
    when: 'By when',
    what: 'What to say',
    none: '—',
  },
} as const;

const list = (items: readonly string[], w: (typeof WORDS)[Locale]) =>
  items.length ? items.join('、') : w.none;

function stepTable(
  caption: string,
  steps: readonly StoredStep[],
  names: Map<string, string>,
  locale: Locale,
): PlanBlock {
  const w = WORDS[locale];
  const titles = new Map(steps.map((s) => [s.key, s.title]));
  return {
    kind: 'table',
    caption,
    columns: [w.step, w.owner, w.duration, w.waitsFor, w.contacts, w.note],
    rows: steps.map((s, i) => [
      `${i + 1}. ${s.title}`,
      (s.ownerPersonId ? names.get(s.ownerPersonId) : null) ?? s.ownerText ?? '',
      formatMinutes(s.durationMinutes, locale),
      [...s.after.map((k) => titles.get(k) ?? k), ...s.afterSystems.map((id) => names.get(id) ?? '')]
        .filter(Boolean)
        .join(locale === 'ja' ? '、' : ', '),
      [...s.contactPersonIds, ...s.contactSupplierIds]
        .map((id) => names.get(id) ?? '')
        .filter(Boolean)
        .join(locale === 'ja' ? '、' : ', '),
      s.note ?? '',
    ]),
  };
}

/** Sections 'incidents', 'recovery', 'contacts' and 'first-response' in the document's language. */
export const recoveryPlanSections: PlanSectionContributor = async (ctx) => {
  const { locale } = ctx;
  const w = WORDS[locale];
  const content = recoveryContent();
  const [plan, incidents, contacts, names] = await Promise.all([
    planState(ctx.db, ctx.orgId),
    listIncidents(ctx.db.kysely, ctx.orgId),
    listContacts(ctx.db.kysely, ctx.orgId),
    allNames(ctx.db.kysely, ctx.orgId),
  ]);
  const sep = locale === 'ja' ? '、' : ', ';

  // 5.1 assumed incidents
  const assumed = incidents.items.filter((i) => i.assumed);
  const labelOf = (id: string) => content.incidents.incidents.find((x) => x.id === id)?.label[locale] ?? id;
  const incidentBlocks: PlanBlock[] = assumed.length
    ? [
        { kind: 'paragraph', text: w.incidentsIntro },
        {
          kind: 'table',
          caption: w.incidents,
          columns: [w.incident, w.whatStops, w.why, w.layers],
          rows: [...assumed]
            .sort((a, b) => INCIDENT_TYPES.indexOf(a.incident) - INCIDENT_TYPES.indexOf(b.incident))
            .map((i) => [
              labelOf(i.incident),
              i.whatStops ?? '',
              i.whyItMatters ?? '',
              i.layers.map((l) => LAYER_LABELS[l][locale]).join(sep),
            ]),
        },
      ]
    : [{ kind: 'note', tone: 'warning', text: w.noIncidents }];

  // 5.3 recovery order, procedures, feasibility
  const recoveryBlocks: PlanBlock[] = [];
  if (plan.systems.length === 0)
    recoveryBlocks.push({ kind: 'note', tone: 'placeholder', text: w.noSystems });
  else {
    recoveryBlocks.push({
      kind: 'table',
      caption: w.orderCaption,
      columns: [w.order, w.system, w.priority, w.target, w.back, w.verdict],
      rows: plan.systems.map((s, i) => [
        String(i + 1),
        s.name,
        s.priority ?? '',
        formatRtoCell(s.requiredRto, locale),
        s.feasibility.backAfterMinutes === null ? '' : formatMinutes(s.feasibility.backAfterMinutes, locale),
        w.verdicts[s.feasibility.verdict],
      ]),
    });
    for (const cycle of plan.cycles)
      recoveryBlocks.push({
        kind: 'note',
        tone: 'warning',
        text: w.cycle(cycle.map((id) => names.get(id) ?? id).join(' → ')),
      });
    for (const s of plan.systems) {
      recoveryBlocks.push({ kind: 'subheading', text: s.name });
      const row = plan.procedures.get(s.id);
      if (!row) {
        recoveryBlocks.push({ kind: 'note', tone: 'placeholder', text: w.noProcedure });
        continue;
      }
      if (s.feasibility.verdict === 'misses')
        recoveryBlocks.push({
          kind: 'note',
          tone: 'warning',
          text: w.late(formatMinutes(s.feasibility.gapMinutes, locale)),
        });
      const phase1 = decodeJsonColumn(StoredStepsSchema, row.phase1, 'recovery_procedures.phase1');
      const phase2 = decodeJsonColumn(StoredStepsSchema, row.phase2, 'recovery_procedures.phase2');
      recoveryBlocks.push(stepTable(w.phase1, phase1, names, locale));
      if (row.degraded_note)
        recoveryBlocks.push({ kind: 'paragraph', text: `${w.degraded}: ${row.degraded_note}` });
      recoveryBlocks.push(stepTable(w.phase2, phase2, names, locale));
    }
  }

  // 5.2 owners and contacts
  const targetLabel = (id: string) => content.incidents.targets.find((x) => x.id === id)?.label[locale] ?? id;
  const contactBlocks: PlanBlock[] = contacts.items.length
    ? [
        {
          kind: 'table',
          caption: w.contactsTitle,
          columns: [w.damageTarget, w.recoveryOwner, w.contacts, w.note],
          rows: contacts.items.map((c) => [
            c.targetNote ? `${targetLabel(c.target)}（${c.targetNote}）` : targetLabel(c.target),
            (c.ownerPersonId ? c.names[c.ownerPersonId] : null) ?? c.ownerText ?? '',
            list(
              [...c.contactPersonIds, ...c.contactSupplierIds].map((id) => c.names[id] ?? '').filter(Boolean),
              w,
            ),
            c.note ?? '',
          ]),
        },
      ]
    : [{ kind: 'note', tone: 'warning', text: w.noContacts }];

  // First response (001 §被災時の対策) and the data-leak notices
  const fr = content.firstResponse;
  const firstResponseBlocks: PlanBlock[] = [
    {
      kind: 'list',
      ordered: true,
      items: fr.steps.map((s) => `${s.title[locale]} — ${s.detail[locale]}`),
    },
    { kind: 'subheading', text: w.leak },
    { kind: 'paragraph', text: fr.leak.intro[locale] },
    {
      kind: 'table',
      caption: w.leak,
      columns: [w.notify, w.when, w.what],
      rows: fr.leak.notices.map((n) => [n.who[locale], n.when[locale], n.detail[locale]]),
    },
  ];

  const sections: PlanSection[] = [
    { id: 'incidents', title: w.incidents, blocks: incidentBlocks },
    { id: 'recovery', title: w.recovery, blocks: recoveryBlocks },
    { id: 'contacts', title: w.contactsTitle, blocks: contactBlocks },
    { id: 'first-response', title: w.firstResponse, blocks: firstResponseBlocks },
  ];
  return sections;
};
