import { z } from 'zod';
import { EMPLOYMENT_STATUSES } from '../domain/organization.js';
import { OUTBOUND_REASONS, OUTBOUND_STATUSES } from '../domain/outbound.js';
import {
  CAN_WORK,
  HOME_DAMAGE,
  SAFETY_CHAT_CHANNELS,
  SAFETY_LIMITS,
  SAFETY_QUESTIONS,
  SAFETY_STATUSES,
} from '../domain/safety.js';
import { multilineText, text } from './fields.js';
import { PrefectureCodeSchema } from './prefectures.js';

/**
 * Safety confirmation's API (安否確認, PRODUCT module 11): a request of an incident, the answers
 * (from a personal link or by a manager on someone's behalf), totals, non-responders and the
 * answer-time figures. Rules: src/domain/safety.ts.
 */

const L = SAFETY_LIMITS;
const Id = text().max(64);
const Instant = z.iso.datetime({ offset: true });
const StatusSchema = z.enum(SAFETY_STATUSES);
const QuestionSchema = z.enum(SAFETY_QUESTIONS);

/** Who a request goes to: everyone when every list is empty; otherwise people matching each list given. */
const SafetyFilterSchema = z.strictObject({
  siteIds: z.array(Id).max(200).optional(),
  departmentIds: z.array(Id).max(200).optional(),
  prefectureCodes: z.array(PrefectureCodeSchema).max(47).optional(),
  employmentStatuses: z.array(z.enum(EMPLOYMENT_STATUSES)).max(EMPLOYMENT_STATUSES.length).optional(),
});
export type SafetyFilter = z.infer<typeof SafetyFilterSchema>;

/** A filter as stored and answered (no input rules on the way out). */
export const StoredSafetyFilterSchema = z.object({
  siteIds: z.array(z.string()).optional(),
  departmentIds: z.array(z.string()).optional(),
  prefectureCodes: z.array(z.string()).optional(),
  employmentStatuses: z.array(z.string()).optional(),
});

export const SafetyRequestCreateSchema = z.strictObject({
  filter: SafetyFilterSchema.default({}),
  /** The status question is always asked, whether listed or not. */
  questions: z
    .array(QuestionSchema)
    .max(SAFETY_QUESTIONS.length)
    .default([...SAFETY_QUESTIONS]),
  note: multilineText().trim().max(L.message).optional(),
  reminders: z
    .strictObject({
      count: z.number().int().min(0).max(L.reminders),
      intervalMinutes: z.number().int().min(L.reminderIntervalMinutes.min).max(L.reminderIntervalMinutes.max),
      deadlineAt: Instant.nullable().optional(),
    })
    .default({ count: 0, intervalMinutes: 60 }),
  /** Also announce the request in a chat room (its incoming webhook; the URL is not kept). */
  announce: z
    .strictObject({ channel: z.enum(SAFETY_CHAT_CHANNELS), url: text().trim().max(2000) })
    .optional(),
});
export type SafetyRequestCreate = z.infer<typeof SafetyRequestCreateSchema>;

/** Resend the link now to the people not yet answered who match the filter. */
export const SafetyResendSchema = z.strictObject({ filter: SafetyFilterSchema.default({}) });
export type SafetyResend = z.infer<typeof SafetyResendSchema>;

/** One answer, from the answer page or by a manager; fields of questions not asked are ignored. */
export const SafetyAnswerInputSchema = z.strictObject({
  status: StatusSchema,
  location: multilineText().trim().max(L.location).nullable().optional(),
  coords: z
    .strictObject({
      lat: z.number().min(-L.lat).max(L.lat),
      lng: z.number().min(-L.lng).max(L.lng),
      accuracy: z.number().min(0).max(L.accuracy).nullable().optional(),
    })
    .nullable()
    .optional(),
  canWork: z.enum(CAN_WORK).nullable().optional(),
  familySafe: z.boolean().nullable().optional(),
  homeDamage: z.enum(HOME_DAMAGE).nullable().optional(),
  message: multilineText().trim().max(L.message).nullable().optional(),
});
export type SafetyAnswerInput = z.infer<typeof SafetyAnswerInputSchema>;

export const SafetyAnswerSchema = z.object({
  id: z.string(),
  status: StatusSchema,
  location: z.string().nullable(),
  coords: z.object({ lat: z.number(), lng: z.number(), accuracy: z.number().nullable() }).nullable(),
  canWork: z.enum(CAN_WORK).nullable(),
  familySafe: z.boolean().nullable(),
  homeDamage: z.enum(HOME_DAMAGE).nullable(),
  message: z.string().nullable(),
  /** The member who answered on the person's behalf. */
  proxyBy: z.string().nullable(),
  answeredAt: z.string(),
});
export type SafetyAnswer = z.infer<typeof SafetyAnswerSchema>;

export const SafetyAnswerListSchema = z.object({ items: z.array(SafetyAnswerSchema) });

const StatusTotalsSchema = z.object({
  safe: z.number(),
  minor_injury: z.number(),
  serious_injury: z.number(),
  no_answer: z.number(),
});

const GroupTotalsSchema = z.object({
  id: z.string().nullable(),
  name: z.string().nullable(),
  totals: StatusTotalsSchema,
});

const SafetyRecipientSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  siteName: z.string().nullable(),
  departmentName: z.string().nullable(),
  hasEmail: z.boolean(),
  status: StatusSchema.nullable(),
  firstAnsweredAt: z.string().nullable(),
  latest: SafetyAnswerSchema.nullable(),
  sentCount: z.number(),
  lastSentAt: z.string().nullable(),
  /** The latest mail to this person: queued, sending, sent, or failed with the reason. */
  mail: z
    .object({
      status: z.enum(OUTBOUND_STATUSES),
      reason: z.enum(OUTBOUND_REASONS).nullable(),
      failedAt: z.string().nullable(),
    })
    .nullable(),
});
export type SafetyRecipient = z.infer<typeof SafetyRecipientSchema>;

const SafetyRequestSchema = z.object({
  id: z.string(),
  filter: StoredSafetyFilterSchema,
  questions: z.array(QuestionSchema),
  note: z.string().nullable(),
  reminders: z.object({
    count: z.number(),
    intervalMinutes: z.number(),
    deadlineAt: z.string().nullable(),
    sent: z.number(),
    nextAt: z.string().nullable(),
  }),
  recipients: z.number(),
  createdAt: z.string(),
});

export const SafetyOverviewSchema = z.object({
  incidentId: z.string(),
  mode: z.enum(['real', 'drill']),
  requests: z.array(SafetyRequestSchema),
  totals: StatusTotalsSchema,
  bySite: z.array(GroupTotalsSchema),
  byDepartment: z.array(GroupTotalsSchema),
  recipients: z.array(SafetyRecipientSchema),
  answerTimes: z.object({
    asked: z.number(),
    answered: z.number(),
    p25: z.number().nullable(),
    p50: z.number().nullable(),
    p75: z.number().nullable(),
    to80: z.number().nullable(),
  }),
});
export type SafetyOverview = z.infer<typeof SafetyOverviewSchema>;

export const SafetySentSchema = z.object({ recipients: z.number(), emails: z.number() });
export type SafetySent = z.infer<typeof SafetySentSchema>;

export const SafetyRecipientParamsSchema = z.strictObject({ id: Id, recipientId: Id });

/** A safety request waiting for the signed-in member's answer (in-app channel). */
export const MySafetyRequestsSchema = z.object({
  items: z.array(
    z.object({
      incidentId: z.string(),
      incidentTitle: z.string(),
      mode: z.enum(['real', 'drill']),
      recipientId: z.string(),
      answered: z.boolean(),
    }),
  ),
});
export type MySafetyRequests = z.infer<typeof MySafetyRequestsSchema>;
