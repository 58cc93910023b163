import { z } from 'zod';
import { PrioritySchema, RtoSchema } from '../domain/bia-schemas.js';
import {
  ENTRY_KINDS,
  HANDLING_STATUSES,
  HQ_ROLES,
  HQ_TASK_STATUSES,
  INCIDENT_LIMITS,
  INCIDENT_MODE_FILTERS,
  INCIDENT_MODES,
  INCIDENT_STATUSES,
  RTO_STATES,
} from '../domain/incidents.js';
import { INCIDENT_TYPES } from '../domain/recovery.js';
import { multilineText, text } from './fields.js';
import { PrefectureCodeSchema } from './prefectures.js';

/**
 * The incident headquarters' API (PRODUCT module 11): incidents, HQ roster, chronology, tasks and
 * decisions, the IT recovery tracker, live events and the situation report. Rules:
 * src/domain/incidents.ts.
 */

const L = INCIDENT_LIMITS;
const Id = text().max(64);
/** A moment, ISO-8601 with a zone (the browser sends UTC). */
const Instant = z.iso.datetime({ offset: true });
const IncidentTypeSchema = z.enum(INCIDENT_TYPES);
const ModeSchema = z.enum(INCIDENT_MODES);
const KindSchema = z.enum(ENTRY_KINDS);
const HandlingSchema = z.enum(HANDLING_STATUSES);
const HqRoleSchema = z.enum(HQ_ROLES);
const TaskStatusSchema = z.enum(HQ_TASK_STATUSES);
const EntryIds = z.array(Id).max(L.linkedEntries);

// --- incidents ----------------------------------------------------------------------------------

export const IncidentCreateSchema = z.strictObject({
  type: IncidentTypeSchema,
  mode: ModeSchema,
  title: text().trim().min(1).max(L.title),
  /** When the incident began; now when left out. */
  beganAt: Instant.optional(),
  siteIds: z.array(Id).max(L.sites).optional(),
  prefectureCodes: z.array(PrefectureCodeSchema).max(L.prefectures).optional(),
});
export type IncidentCreate = z.infer<typeof IncidentCreateSchema>;

/** One-click drill: the title in the reader's language; a ransomware attack unless said otherwise. */
export const DrillStartSchema = z.strictObject({
  title: text().trim().min(1).max(L.title),
  type: IncidentTypeSchema.default('ransomware'),
});
export type DrillStart = z.infer<typeof DrillStartSchema>;

export const IncidentCloseSchema = z.strictObject({
  summary: multilineText().trim().min(1).max(L.summary),
});
export type IncidentClose = z.infer<typeof IncidentCloseSchema>;

export const IncidentListQuerySchema = z.strictObject({
  mode: z.enum(INCIDENT_MODE_FILTERS).default('all'),
});

const RosterMemberSchema = z.object({
  id: z.string(),
  personId: z.string(),
  personName: z.string(),
  role: HqRoleSchema,
  onShift: z.boolean(),
  version: z.number().int(),
});
export type RosterMember = z.infer<typeof RosterMemberSchema>;

export const IncidentSchema = z.object({
  id: z.string(),
  type: IncidentTypeSchema,
  mode: ModeSchema,
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  beganAt: z.string(),
  sites: z.array(z.object({ id: z.string(), name: z.string() })),
  prefectureCodes: z.array(PrefectureCodeSchema),
  closedAt: z.string().nullable(),
  closeSummary: z.string().nullable(),
  roster: z.array(RosterMemberSchema),
  counts: z.object({ entries: z.number().int(), openTasks: z.number().int(), decisions: z.number().int() }),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Incident = z.infer<typeof IncidentSchema>;
export const IncidentListSchema = z.object({ items: z.array(IncidentSchema) });

export const RosterAddSchema = z.strictObject({
  personId: Id,
  role: HqRoleSchema,
  onShift: z.boolean().default(true),
});
export type RosterAdd = z.infer<typeof RosterAddSchema>;
export const RosterUpdateSchema = z.strictObject({
  role: HqRoleSchema.optional(),
  onShift: z.boolean().optional(),
});
export type RosterUpdate = z.infer<typeof RosterUpdateSchema>;

// --- chronology ---------------------------------------------------------------------------------

const Party = text().trim().max(L.party);
const Tag = text()
  .trim()
  .min(1)
  .max(L.tag)
  .regex(/^[^,#\s]+$/, 'tag_invalid');
const Link = z.url({ protocol: /^https?$/ }).max(L.link);

export const EntryCreateSchema = z.strictObject({
  occurredAt: Instant,
  fromParty: Party.optional(),
  toParty: Party.optional(),
  kind: KindSchema,
  text: multilineText().trim().min(1).max(L.entryText),
  handling: HandlingSchema.default('open'),
  tags: z.array(Tag).max(L.tags).optional(),
  links: z.array(Link).max(L.links).optional(),
  /** The entry this one corrects: it must be an entry of the same incident. */
  correctsId: Id.optional(),
});
export type EntryCreate = z.input<typeof EntryCreateSchema>;

export const EntryHandlingSchema = z.strictObject({ handling: HandlingSchema });

export const ChronologyQuerySchema = z.strictObject({
  kind: KindSchema.optional(),
  tag: text().max(L.tag).optional(),
  /** The author (a user id) or a party's words. */
  person: text().max(L.party).optional(),
  q: text().max(200).optional(),
});
export type ChronologyQuery = z.infer<typeof ChronologyQuerySchema>;

export const EntrySchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  occurredAt: z.string(),
  recordedAt: z.string(),
  authorUserId: z.string().nullable(),
  authorName: z.string().nullable(),
  fromParty: z.string().nullable(),
  toParty: z.string().nullable(),
  kind: KindSchema,
  text: z.string(),
  handling: HandlingSchema,
  tags: z.array(z.string()),
  links: z.array(z.string()),
  correctsId: z.string().nullable(),
  /** The newest entry that corrects this one; the screen strikes this one through. */
  correctedById: z.string().nullable(),
  version: z.number().int(),
});
export type Entry = z.infer<typeof EntrySchema>;
export const EntryListSchema = z.object({ items: z.array(EntrySchema) });

// --- tasks and decisions -------------------------------------------------------------------------

export const TaskCreateSchema = z.strictObject({
  title: text().trim().min(1).max(L.title),
  ownerPersonId: Id.nullable().optional(),
  dueAt: Instant.nullable().optional(),
  status: TaskStatusSchema.default('todo'),
  entryIds: EntryIds.optional(),
});
export type HqTaskCreate = z.input<typeof TaskCreateSchema>;
export const TaskUpdateSchema = z.strictObject({
  title: text().trim().min(1).max(L.title).optional(),
  ownerPersonId: Id.nullable().optional(),
  dueAt: Instant.nullable().optional(),
  status: TaskStatusSchema.optional(),
  entryIds: EntryIds.optional(),
});
export type HqTaskUpdate = z.infer<typeof TaskUpdateSchema>;

export const HqTaskSchema = z.object({
  id: z.string(),
  title: z.string(),
  ownerPersonId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: TaskStatusSchema,
  entryIds: z.array(z.string()),
  createdAt: z.string(),
  version: z.number().int(),
});
export type HqTask = z.infer<typeof HqTaskSchema>;

export const DecisionCreateSchema = z.strictObject({
  decidedAt: Instant,
  decidedByPersonId: Id.nullable().optional(),
  decision: multilineText().trim().min(1).max(L.entryText),
  basis: multilineText().trim().max(L.entryText).optional(),
  entryIds: EntryIds.optional(),
});
export type DecisionCreate = z.infer<typeof DecisionCreateSchema>;

export const DecisionSchema = z.object({
  id: z.string(),
  decidedAt: z.string(),
  decidedByPersonId: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decision: z.string(),
  basis: z.string().nullable(),
  entryIds: z.array(z.string()),
  recordedAt: z.string(),
  version: z.number().int(),
});
export type Decision = z.infer<typeof DecisionSchema>;

export const BoardSchema = z.object({ tasks: z.array(HqTaskSchema), decisions: z.array(DecisionSchema) });
export type Board = z.infer<typeof BoardSchema>;

// --- IT recovery tracker ---------------------------------------------------------------------------

export const TrackerAddSchema = z.strictObject({ systemId: Id });
export const TrackerUpdateSchema = z.strictObject({
  /** Tick (done true) or untick a phase-1 step by its key. */
  step: z.strictObject({ key: text().max(40), done: z.boolean() }).optional(),
  recovered: z.boolean().optional(),
});
export type TrackerUpdate = z.infer<typeof TrackerUpdateSchema>;

const TrackerStepSchema = z.object({
  key: z.string(),
  title: z.string(),
  durationMinutes: z.number().int(),
  doneAt: z.string().nullable(),
});

const TrackerSystemSchema = z.object({
  id: z.string(),
  systemId: z.string(),
  name: z.string(),
  priority: PrioritySchema.nullable(),
  rto: RtoSchema.nullable(),
  /** Position in the recovery order (1 = first). */
  order: z.number().int(),
  state: z.enum(RTO_STATES),
  elapsedMinutes: z.number().int(),
  leftMinutes: z.number().int().nullable(),
  recoveredAt: z.string().nullable(),
  steps: z.array(TrackerStepSchema),
  /** Systems of the tracker this one needs that are not back yet. */
  waitsFor: z.array(z.object({ id: z.string(), name: z.string() })),
  version: z.number().int(),
});
export type TrackerSystem = z.infer<typeof TrackerSystemSchema>;
export const TrackerSchema = z.object({ now: z.string(), systems: z.array(TrackerSystemSchema) });
export type Tracker = z.infer<typeof TrackerSchema>;

export const IncidentParamsSchema = z.strictObject({ id: Id });
export const CsvQuerySchema = z.strictObject({ lang: z.enum(['ja', 'en']).optional() });
