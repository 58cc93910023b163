import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  ACTION_STATUSES,
  ASSET_KINDS,
  DECISION_STATUSES,
  IMPACT_ASPECTS,
  IMPACT_LEVELS,
  SECRECY_LEVELS,
} from '../../../domain/assessment.js';
import type { AnswerUpdate } from '../../../shared/assessment.js';
import { loadContentFile } from '../../content/load.js';
import { LocalizedTextSchema, SourceSchema } from '../../content/text.js';
import * as assessment from '../assessment/service.js';
import type { DemoContext } from './service.js';

/** content/demo/demo-assessment.yaml: the gym chain's telework self-assessment, half done. */
const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/)
  .max(80);
const Days = z.number().int().min(0).max(3650);

const DemoAnswerSchema = z.strictObject({
  item: Key,
  state: LocalizedTextSchema.optional(),
  impact: z.partialRecord(z.enum(IMPACT_ASPECTS), z.enum(IMPACT_LEVELS)).optional(),
  /** The reason given for the worst impact. */
  reason: LocalizedTextSchema.optional(),
  decision: z.enum(DECISION_STATUSES),
  due_days_ago: Days.optional(),
  due_in_days: Days.optional(),
  why: LocalizedTextSchema.optional(),
  owner: Key.optional(),
  status: z.enum(ACTION_STATUSES).optional(),
  done_days_ago: Days.optional(),
  damage_yen: z.number().int().min(0).optional(),
  cost_yen: z.number().int().min(0).optional(),
});

const DemoAssessmentSchema = z.strictObject({
  source: SourceSchema,
  title: LocalizedTextSchema,
  assessed_days_ago: Days,
  answers: z.array(DemoAnswerSchema).max(300),
  assets: z
    .array(
      z.strictObject({
        kind: z.enum(ASSET_KINDS),
        name: LocalizedTextSchema,
        secrecy: z.enum(SECRECY_LEVELS),
        must_encrypt: z.boolean(),
        system: Key.optional(),
      }),
    )
    .max(100),
});
type DemoAssessment = z.infer<typeof DemoAssessmentSchema>;

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = path.resolve(here, '../../../../content/demo/demo-assessment.yaml');

let cached: DemoAssessment | null = null;
function content(): DemoAssessment {
  cached ??= loadContentFile(FILE, DemoAssessmentSchema);
  return cached;
}

/** YYYY-MM-DD `days` from the ISO time `now` (negative: before). */
function dayFrom(now: string, days: number): string {
  const d = new Date(now);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const CHECKLIST = 'telework';

/**
 * The telework assessment, started `assessed_days_ago` days ago through the assessment module's
 * service: its answers as decided that day, the actions' owners and history (some done since,
 * three past their deadline), and the information assets linked to the inventory's systems.
 */
export async function loadAssessment(c: DemoContext): Promise<void> {
  const d = content();
  const startedOn = dayFrom(c.now, -d.assessed_days_ago);
  const id = await assessment.startAssessment(c.tx, c.actor, {
    title: d.title[c.locale],
    assessedOn: startedOn,
    checklistIds: [CHECKLIST],
  });
  const answers = new Map<string, AnswerUpdate>();
  for (const a of d.answers) {
    const due =
      a.due_days_ago !== undefined
        ? dayFrom(c.now, -a.due_days_ago)
        : a.due_in_days !== undefined
          ? dayFrom(c.now, a.due_in_days)
          : null;
    answers.set(`${CHECKLIST}/${a.item}`, {
      currentState: a.state?.[c.locale] ?? null,
      impact: Object.fromEntries(
        Object.entries(a.impact ?? {}).map(([aspect, level]) => [
          aspect,
          { level, reason: a.reason?.[c.locale] ?? null },
        ]),
      ),
      decision: { status: a.decision, dueDate: due, reason: a.why?.[c.locale] ?? null },
      damageYen: a.damage_yen ?? null,
      costYen: a.cost_yen ?? null,
    });
  }
  await assessment.recordAnswers(c.tx, c.actor, id, answers, startedOn);

  const done = new Map<string, AnswerUpdate>();
  for (const a of d.answers) {
    if (a.decision !== 'planned') continue;
    const owner = a.owner ? c.ids.people.get(a.owner) : null;
    if (a.owner && !owner) throw new Error(`demo assessment: unknown person ${a.owner}`);
    const status = a.status ?? 'open';
    await assessment.recordActionHistory(c.tx, c.actor, id, `${CHECKLIST}/${a.item}`, {
      ownerPersonId: owner ?? null,
      status,
      createdAt: `${startedOn}T01:00:00.000Z`,
      doneAt: status === 'done' ? `${dayFrom(c.now, -(a.done_days_ago ?? 0))}T06:00:00.000Z` : null,
    });
    if (status === 'done') done.set(`${CHECKLIST}/${a.item}`, { decision: { status: 'done' } });
  }
  await assessment.recordAnswers(c.tx, c.actor, id, done, startedOn);

  for (const x of d.assets) {
    const system = x.system ? c.ids.nodes.get(x.system) : undefined;
    if (x.system && system?.kind !== 'system') throw new Error(`demo assessment: unknown system ${x.system}`);
    await assessment.addAsset(c.tx, c.actor, id, {
      kind: x.kind,
      name: x.name[c.locale],
      secrecy: x.secrecy,
      mustEncrypt: x.must_encrypt,
      systemId: system?.id ?? null,
    });
  }
}
