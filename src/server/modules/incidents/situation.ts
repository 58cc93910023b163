/**
 * The situation report (状況報告) of an incident, made at any time from what the HQ has recorded
 * (PRODUCT module 11): the safety totals (a section the safety module contributes, see
 * situation-sections.ts), the key chronology (reports, instructions and decisions, latest first,
 * corrections marked), the decisions, the open tasks and the systems late or near their 目標復旧時間.
 * Worded in the reader's language, times in the organization's zone; a drill's report says so on
 * every page. The same sections become the printable page (web) and the PDF (documents/block-pdf.ts).
 */
import type { EntryKind, HqTaskStatus, RtoState } from '../../../domain/incidents.js';
import { localTime } from '../../../domain/local-time.js';
import type { Locale } from '../../../domain/organization.js';
import { prefectureByCode } from '../../../domain/prefectures.js';
import { formatMinutes } from '../../../domain/recovery.js';
import { formatRtoCell } from '../../../domain/rto-text.js';
import type { Entry } from '../../../shared/incidents.js';
import type { SituationReport } from '../../../shared/situation.js';
import type { Db } from '../../db/database.js';
import { renderBlocksPdf } from '../../documents/block-pdf.js';
import { getOrg } from '../orgs/service.js';
import { content as recoveryContent } from '../recovery/index.js';
import { ENTRY_WORDS } from './entry-words.js';
import { board, getIncident, listEntries, tracker } from './service.js';
import { contributedSections, type SituationSection } from './situation-sections.js';

/** At most this many chronology entries are printed (the newest); the CSV has them all. */
const KEY_ENTRIES = 60;
const KEY_KINDS: readonly EntryKind[] = ['report', 'instruction', 'decision'];

const WORDS = {
  ja: {
    title: '状況報告',
    chronologyTitle: 'クロノロジー',
    drill: '【訓練】これは訓練の報告です',
    incident: (t: string, type: string) => `${t}（${type}）`,
    status: { active: '対応中', closed: '終了' },
    began: (at: string, elapsed: string) => `発生：${at}（経過 ${elapsed}）`,
    closedAt: (at: string) => `終了：${at}`,
    affected: (list: string) => `影響範囲：${list}`,
    overview: '概要',
    counts: (entries: number, tasks: number, decisions: number) =>
      `記録 ${entries} 件、未完了のタスク ${tasks} 件、決定 ${decisions} 件`,
    onShift: (names: string) => `本部の当番：${names}`,
    safety: '安否確認',
    noSafety: '安否確認の集計はまだありません。',
    keyChronology: '主な記録（新しい順）',
    allEntries: '記録（新しい順）',
    entryColumns: ['日時', '種別', '発信元 → 宛先', '内容', '対応'],
    ...ENTRY_WORDS.ja,
    corrected: (at: string) => `【${at} に訂正済み】`,
    correction: (at: string) => `【${at} の記録の訂正】`,
    noEntries: '主な記録はまだありません。',
    decisions: '決定事項',
    decisionColumns: ['日時', '決定者', '決定', '根拠'],
    noDecisions: '決定事項はまだありません。',
    tasks: '未完了のタスク',
    taskColumns: ['タスク', '担当', '期限', '状態'],
    taskStatus: { todo: '未着手', doing: '対応中', done: '完了' },
    noTasks: '未完了のタスクはありません。',
    systems: '目標復旧時間に遅れている・迫っているシステム',
    systemColumns: ['システム', '優先度', '目標復旧時間', '経過', '残り', '状況', '待っているもの'],
    rtoStates: {
      recovered: '復旧済み',
      on_track: '目標内',
      warning: '注意（8割経過）',
      breached: '目標超過',
      no_target: '目標なし',
    },
    noSystems: '目標復旧時間に遅れている・迫っているシステムはありません。',
    shown: (n: number, total: number) => `新しい ${n} 件を表示（全 ${total} 件は CSV で出力できます）。`,
    file: '状況報告',
    chronologyFile: 'クロノロジー',
  },
  en: {
    title: 'Situation report',
    chronologyTitle: 'Chronology',
    drill: '[DRILL] This is the report of a drill',
    incident: (t: string, type: string) => `${t} (${type})`,
    status: { active: 'Under way', closed: 'Closed' },
    began: (at: string, elapsed: string) => `Began: ${at} (${elapsed} ago)`,
    closedAt: (at: string) => `Closed: ${at}`,
    affected: (list: string) => `Affected: ${list}`,
    overview: 'Overview',
    counts: (entries: number, tasks: number, decisions: number) =>
      `${entries} entries, ${tasks} open tasks, ${decisions} decisions`,
    onShift: (names: string) => `HQ on shift: ${names}`,
    safety: 'Safety confirmation',
    noSafety: 'There are no safety confirmation totals yet.',
    keyChronology: 'Key chronology (latest first)',
    allEntries: 'Entries (latest first)',
    entryColumns: ['Time', 'Kind', 'From → to', 'Text', 'Handling'],
    ...ENTRY_WORDS.en,
    corrected: (at: string) => `[corrected ${at}] `,
    correction: (at: string) => `[corrects the entry of ${at}] `,
    noEntries: 'No key entries yet.',
    decisions: 'Decisions',
    decisionColumns: ['Time', 'Decided by', 'Decision', 'Based on'],
    noDecisions: 'No decisions yet.',
    tasks: 'Open tasks',
    taskColumns: ['Task', 'Owner', 'Due', 'Status'],
    taskStatus: { todo: 'To do', doing: 'Doing', done: 'Done' },
    noTasks: 'No open tasks.',
    systems: 'Systems late or near their recovery time objective',
    systemColumns: ['System', 'Priority', 'Recovery time objective', 'Elapsed', 'Left', 'State', 'Waits for'],
    rtoStates: {
      recovered: 'Recovered',
      on_track: 'On track',
      warning: 'Warning (80% used)',
      breached: 'Past its target',
      no_target: 'No target',
    },
    noSystems: 'No system is late or near its recovery time objective.',
    shown: (n: number, total: number) => `The newest ${n} are shown (all ${total} are in the CSV export).`,
    file: 'situation-report',
    chronologyFile: 'chronology',
  },
} satisfies Record<
  Locale,
  {
    kinds: Record<EntryKind, string>;
    taskStatus: Record<HqTaskStatus, string>;
    rtoStates: Record<RtoState, string>;
    [k: string]: unknown;
  }
>;

type Block = SituationSection['blocks'][number];

const table = (caption: string, columns: string[], rows: string[][]): Block => ({
  kind: 'table',
  caption,
  columns,
  rows,
});
const note = (text: string): Block => ({ kind: 'note', tone: 'info', text });

/** Entries as table rows, latest first, a corrected entry and its correction each marked. */
function entryRows(
  entries: readonly Entry[],
  all: readonly Entry[],
  locale: Locale,
  at: (iso: string) => string,
) {
  const w = WORDS[locale];
  const byId = new Map(all.map((e) => [e.id, e]));
  return [...entries]
    .sort((a, b) =>
      a.occurredAt === b.occurredAt
        ? b.recordedAt.localeCompare(a.recordedAt)
        : b.occurredAt.localeCompare(a.occurredAt),
    )
    .map((e) => {
      const by = e.correctedById ? byId.get(e.correctedById) : undefined;
      const target = e.correctsId ? byId.get(e.correctsId) : undefined;
      const mark = `${by ? w.corrected(at(by.recordedAt)) : ''}${target ? w.correction(at(target.recordedAt)) : ''}`;
      const parties = e.fromParty || e.toParty ? `${e.fromParty ?? ''} → ${e.toParty ?? ''}` : '';
      return [at(e.occurredAt), w.kinds[e.kind], parties, `${mark}${e.text}`, w.handling[e.handling]];
    });
}

interface ReportBase {
  incident: Awaited<ReturnType<typeof getIncident>>;
  orgName: string;
  timeZone: string;
  locale: Locale;
  now: Date;
}

async function base(
  db: Db,
  orgId: string,
  incidentId: string,
  locale: Locale,
  now: Date,
): Promise<ReportBase> {
  const incident = await getIncident(db.kysely, orgId, incidentId);
  const org = await getOrg(db, orgId);
  return { incident, orgName: org.name, timeZone: org.timezone, locale, now };
}

function subtitle(b: ReportBase): string[] {
  const w = WORDS[b.locale];
  const i = b.incident;
  const at = (iso: string) => localTime(iso, b.timeZone);
  const typeLabel = recoveryContent().incidents.find((x) => x.id === i.type)?.label[b.locale] ?? i.type;
  const elapsed = Math.max(
    0,
    Math.floor(((i.closedAt ? Date.parse(i.closedAt) : b.now.getTime()) - Date.parse(i.beganAt)) / 60_000),
  );
  const places = [
    ...i.sites.map((s) => s.name),
    ...i.prefectureCodes.map((c) => prefectureByCode(c)?.[b.locale] ?? c),
  ];
  return [
    `${w.incident(i.title, typeLabel)} — ${w.status[i.status]}`,
    w.began(at(i.beganAt), formatMinutes(elapsed, b.locale)),
    ...(i.closedAt ? [w.closedAt(at(i.closedAt))] : []),
    ...(places.length ? [w.affected(places.join(b.locale === 'ja' ? '、' : ', '))] : []),
  ];
}

/** The situation report of an incident as data (the web page prints it; `situationPdf` renders it). */
export async function situationReport(
  db: Db,
  orgId: string,
  incidentId: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<SituationReport> {
  const b = await base(db, orgId, incidentId, locale, now);
  const w = WORDS[locale];
  const at = (iso: string) => localTime(iso, b.timeZone);
  const [{ items: entries }, { tasks, decisions }, track, contributed] = await Promise.all([
    listEntries(db.kysely, orgId, incidentId, {}),
    board(db.kysely, orgId, incidentId),
    tracker(db, orgId, incidentId, now),
    contributedSections({
      db,
      orgId,
      incidentId,
      mode: b.incident.mode,
      locale,
      timeZone: b.timeZone,
      now,
    }),
  ]);
  const i = b.incident;
  const sections: SituationSection[] = [];

  const onShift = i.roster.filter((r) => r.onShift).map((r) => r.personName);
  sections.push({
    id: 'overview',
    title: w.overview,
    blocks: [
      { kind: 'paragraph', text: w.counts(i.counts.entries, i.counts.openTasks, i.counts.decisions) },
      ...(onShift.length
        ? [{ kind: 'paragraph' as const, text: w.onShift(onShift.join(locale === 'ja' ? '、' : ', ')) }]
        : []),
      ...(i.closeSummary ? [{ kind: 'paragraph' as const, text: i.closeSummary }] : []),
    ],
  });

  // The safety module's totals, or the empty slot saying there are none yet.
  const safety = contributed.find((s) => s.id === 'safety');
  sections.push(safety ?? { id: 'safety', title: w.safety, blocks: [note(w.noSafety)] });

  const key = entries.filter((e) => KEY_KINDS.includes(e.kind));
  const keyRows = entryRows(key, entries, locale, at);
  sections.push({
    id: 'chronology',
    title: w.keyChronology,
    blocks: keyRows.length
      ? [
          table(w.keyChronology, w.entryColumns, keyRows.slice(0, KEY_ENTRIES)),
          ...(keyRows.length > KEY_ENTRIES ? [note(w.shown(KEY_ENTRIES, keyRows.length))] : []),
        ]
      : [note(w.noEntries)],
  });

  sections.push({
    id: 'decisions',
    title: w.decisions,
    blocks: decisions.length
      ? [
          table(
            w.decisions,
            w.decisionColumns,
            [...decisions]
              .sort((x, y) => y.decidedAt.localeCompare(x.decidedAt))
              .map((d) => [at(d.decidedAt), d.decidedByName ?? '', d.decision, d.basis ?? '']),
          ),
        ]
      : [note(w.noDecisions)],
  });

  const open = tasks.filter((t) => t.status !== 'done');
  sections.push({
    id: 'tasks',
    title: w.tasks,
    blocks: open.length
      ? [
          table(
            w.tasks,
            w.taskColumns,
            open.map((t) => [t.title, t.ownerName ?? '', t.dueAt ? at(t.dueAt) : '', w.taskStatus[t.status]]),
          ),
        ]
      : [note(w.noTasks)],
  });

  const late = track.systems.filter((s) => s.state === 'warning' || s.state === 'breached');
  sections.push({
    id: 'systems',
    title: w.systems,
    blocks: late.length
      ? [
          table(
            w.systems,
            w.systemColumns,
            late.map((s) => [
              s.name,
              s.priority ?? '',
              formatRtoCell(s.rto, locale),
              formatMinutes(s.elapsedMinutes, locale),
              s.leftMinutes === null
                ? ''
                : s.leftMinutes <= 0
                  ? w.rtoStates.breached
                  : formatMinutes(s.leftMinutes, locale),
              w.rtoStates[s.state],
              s.waitsFor.map((x) => x.name).join(', '),
            ]),
          ),
        ]
      : [note(w.noSystems)],
  });
  sections.push(...contributed.filter((s) => s.id !== 'safety'));

  return {
    incidentId: i.id,
    mode: i.mode,
    locale,
    title: w.title,
    organizationName: b.orgName,
    banner: i.mode === 'drill' ? w.drill : null,
    subtitle: subtitle(b),
    generatedAt: now.toISOString(),
    generatedLocal: at(now.toISOString()),
    sections,
  };
}

/** The situation report as a PDF file (Noto Sans JP embedded), named in the reader's language. */
export async function situationPdf(
  db: Db,
  orgId: string,
  incidentId: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<{ fileName: string; body: Buffer }> {
  const r = await situationReport(db, orgId, incidentId, locale, now);
  const body = await renderBlocksPdf(
    {
      locale,
      title: r.title,
      organizationName: r.organizationName,
      subtitle: r.subtitle,
      sections: r.sections,
      contents: false,
      ...(r.banner ? { banner: r.banner } : {}),
    },
    r.generatedLocal,
  );
  return { fileName: `${WORDS[locale].file}.pdf`, body };
}

/** Every chronology entry as a PDF beside the CSV export, latest first, corrections marked. */
export async function chronologyPdf(
  db: Db,
  orgId: string,
  incidentId: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<{ fileName: string; body: Buffer }> {
  const b = await base(db, orgId, incidentId, locale, now);
  const w = WORDS[locale];
  const at = (iso: string) => localTime(iso, b.timeZone);
  const { items } = await listEntries(db.kysely, orgId, incidentId, {});
  const body = await renderBlocksPdf(
    {
      locale,
      title: w.chronologyTitle,
      organizationName: b.orgName,
      subtitle: subtitle(b),
      sections: [
        {
          id: 'chronology',
          title: w.allEntries,
          blocks: items.length
            ? [table(w.allEntries, w.entryColumns, entryRows(items, items, locale, at))]
            : [note(w.noEntries)],
        },
      ],
      contents: false,
      ...(b.incident.mode === 'drill' ? { banner: w.drill } : {}),
    },
    at(now.toISOString()),
  );
  return { fileName: `${w.chronologyFile}.pdf`, body };
}
