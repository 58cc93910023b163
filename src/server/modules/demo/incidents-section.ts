import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENTRY_KINDS, HQ_ROLES, HQ_TASK_STATUSES } from '../../../domain/incidents.js';
import { INCIDENT_TYPES } from '../../../domain/recovery.js';
import { CAN_WORK, SAFETY_QUESTIONS, SAFETY_STATUSES } from '../../../domain/safety.js';
import { loadContentFile } from '../../content/load.js';
import { LocalizedTextSchema, SourceSchema } from '../../content/text.js';
import * as incidents from '../incidents/index.js';
import * as safety from '../safety/index.js';
import type { DemoContext } from './service.js';

/**
 * The demo's past incident drill (content/demo/demo-incidents.yaml): a closed ransomware drill
 * with its roster, chronology (one entry corrected), decisions, tasks and IT recovery tracker.
 * Loaded through the incidents module's service inside the demo's transaction, back-dated.
 */

const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'key: lower-case letters, digits and dashes')
  .max(60);
const Minutes = z.number().int().min(0).max(10_080);

const DemoIncidentsSchema = z.strictObject({
  source: SourceSchema,
  drill: z.strictObject({
    type: z.enum(INCIDENT_TYPES),
    title: LocalizedTextSchema,
    days_ago: z.number().int().min(1).max(365),
    hours: z.number().int().min(1).max(168),
    summary: LocalizedTextSchema,
    roster: z.array(z.strictObject({ person: Key, role: z.enum(HQ_ROLES) })),
    systems: z.array(Key),
    recovered: z.array(z.strictObject({ system: Key, minutes: Minutes })),
    entries: z.array(
      z.strictObject({
        key: Key,
        minutes: Minutes,
        kind: z.enum(ENTRY_KINDS),
        from: LocalizedTextSchema,
        to: LocalizedTextSchema,
        corrects: Key.optional(),
        text: LocalizedTextSchema,
      }),
    ),
    decisions: z.array(
      z.strictObject({
        minutes: Minutes,
        by: Key,
        entries: z.array(Key).default([]),
        decision: LocalizedTextSchema,
        basis: LocalizedTextSchema.optional(),
      }),
    ),
    tasks: z.array(
      z.strictObject({
        title: LocalizedTextSchema,
        owner: Key,
        status: z.enum(HQ_TASK_STATUSES),
        entries: z.array(Key).default([]),
      }),
    ),
    /** The drill's safety check: sent at `sent`; the people listed answer as said, the rest spread from..to. */
    safety: z
      .strictObject({
        sent: Minutes,
        questions: z.array(z.enum(SAFETY_QUESTIONS)),
        answers: z.array(
          z.strictObject({
            person: Key,
            minutes: Minutes,
            status: z.enum(SAFETY_STATUSES),
            can_work: z.enum(CAN_WORK).optional(),
            family_safe: z.boolean().optional(),
            message: LocalizedTextSchema.optional(),
            /** A member (a person with a login) who recorded the answer on the person's behalf. */
            proxy_by: Key.optional(),
          }),
        ),
        others: z.strictObject({
          from: Minutes,
          to: Minutes,
          status: z.enum(SAFETY_STATUSES),
          can_work: z.enum(CAN_WORK),
        }),
        unanswered: z.array(Key),
      })
      .optional(),
  }),
});

const here = path.dirname(fileURLToPath(import.meta.url));
const FILE = path.resolve(here, '../../../../content/demo/demo-incidents.yaml');

function idOf(map: Map<string, string>, key: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`demo-incidents.yaml: unknown key ${key}`);
  return id;
}

/** The gym chain's past drill, closed, after its recovery plan. */
export async function loadIncidentDrill(c: DemoContext): Promise<void> {
  const { drill: d } = loadContentFile(FILE, DemoIncidentsSchema);
  const L = c.locale;
  const nodes = new Map([...c.ids.nodes].map(([k, v]) => [k, v.id]));
  const person = (key: string) => idOf(c.ids.people, key);
  const began = Date.parse(c.now) - d.days_ago * 86_400_000;
  const at = (minutes: number) => new Date(began + minutes * 60_000).toISOString();
  const incident = await incidents.addIncident(
    c.tx,
    c.actor,
    { type: d.type, mode: 'drill', title: d.title[L], beganAt: at(0) },
    d.systems.map((s) => idOf(nodes, s)),
    at(0),
  );
  for (const r of d.roster)
    await incidents.addRosterMember(c.tx, c.actor, incident.id, {
      personId: person(r.person),
      role: r.role,
      onShift: true,
    });
  const entries = new Map<string, string>();
  for (const e of d.entries) {
    const row = await incidents.appendEntry(
      c.tx,
      c.actor,
      incident.id,
      {
        occurredAt: at(e.minutes),
        kind: e.kind,
        fromParty: e.from[L],
        toParty: e.to[L],
        text: e.text[L],
        handling: 'done',
        ...(e.corrects ? { correctsId: idOf(entries, e.corrects) } : {}),
      },
      at(e.minutes),
    );
    entries.set(e.key, row.id);
  }
  for (const x of d.decisions)
    await incidents.addDecision(
      c.tx,
      c.actor,
      incident.id,
      {
        decidedAt: at(x.minutes),
        decidedByPersonId: person(x.by),
        decision: x.decision[L],
        ...(x.basis ? { basis: x.basis[L] } : {}),
        entryIds: x.entries.map((k) => idOf(entries, k)),
      },
      at(x.minutes),
    );
  for (const x of d.tasks)
    await incidents.addTask(c.tx, c.actor, incident.id, {
      title: x.title[L],
      ownerPersonId: person(x.owner),
      status: x.status,
      entryIds: x.entries.map((k) => idOf(entries, k)),
    });
  const tracked = await incidents.trackedSystems(c.trx, c.orgId, incident.id);
  for (const r of d.recovered) {
    const row = tracked.find((t) => t.system_id === idOf(nodes, r.system));
    if (!row) throw new Error(`demo-incidents.yaml: ${r.system} is not in systems`);
    await incidents.changeTrackedSystem(
      c.tx,
      c.actor,
      row.id,
      row.version,
      { recovered: true },
      at(r.minutes),
    );
  }
  if (d.safety) await loadSafetyAnswers(c, incident.id, d.safety, at);
  await incidents.closeIncidentIn(
    c.tx,
    c.actor,
    incident.id,
    incident.version,
    { summary: d.summary[L] },
    at(d.hours * 60),
  );
}

type DrillSafety = NonNullable<z.infer<typeof DemoIncidentsSchema>['drill']['safety']>;

/** The drill's safety check: everyone asked, answers spread over the first hours, a few never answered. */
async function loadSafetyAnswers(
  c: DemoContext,
  incidentId: string,
  s: DrillSafety,
  at: (minutes: number) => string,
): Promise<void> {
  const listed = new Map(s.answers.map((a) => [idOf(c.ids.people, a.person), a]));
  const silent = new Set(s.unanswered.map((k) => idOf(c.ids.people, k)));
  const everyone = [...c.ids.people.values()];
  const others = everyone.filter((id) => !listed.has(id) && !silent.has(id));
  const step = others.length > 1 ? (s.others.to - s.others.from) / (others.length - 1) : 0;
  const people = everyone.map((personId) => {
    const a = listed.get(personId);
    if (a)
      return {
        personId,
        answer: {
          at: at(a.minutes),
          status: a.status,
          canWork: a.can_work ?? null,
          ...(a.family_safe === undefined ? {} : { familySafe: a.family_safe }),
          ...(a.message ? { message: a.message[c.locale] } : {}),
          proxyUserId: a.proxy_by ? idOf(c.ids.users, a.proxy_by) : null,
        },
      };
    const k = others.indexOf(personId);
    if (k < 0) return { personId, answer: null };
    // Earlier people answer faster: a square root spreads most answers early and a tail late.
    const minutes = Math.round(
      s.others.from + step * (others.length - 1) * Math.sqrt(k / Math.max(1, others.length - 1)),
    );
    return {
      personId,
      answer: { at: at(minutes), status: s.others.status, canWork: s.others.can_work, familySafe: true },
    };
  });
  await safety.addPastRequest(c.tx, c.actor, incidentId, at(s.sent), s.questions, people);
}
