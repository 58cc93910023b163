import { z } from 'zod';
import { MEASURE_SCREENS, TASK_STATUSES, TIERS } from '../domain/tier-diagnosis.js';
import { isoDate, multilineText, text } from './fields.js';

/**
 * Tier diagnosis (松竹梅, PRODUCT module 2) and the management checklist. Questions, measures and
 * checklist items are content (content/diagnosis/*.yaml); rules in src/domain/tier-diagnosis.ts.
 */

const TierSchema = z.enum(TIERS);

const Text = z.object({ ja: z.string(), en: z.string() });

export const QuestionnaireSchema = z.object({
  version: z.number().int(),
  intro: Text,
  questions: z.array(
    z.object({
      id: z.string(),
      text: Text,
      help: Text.nullable(),
      options: z.array(z.object({ id: z.string(), text: Text })),
    }),
  ),
});
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

const MeasureSchema = z.object({
  id: z.string(),
  area: z.string(),
  /** The screen of the app where it is done (the web links to it); absent when there is none. */
  screen: z.enum(MEASURE_SCREENS).optional(),
  title: Text,
  help: Text,
  source: z.string(),
  suggestedDueDays: z.number().int(),
});
export type Measure = z.infer<typeof MeasureSchema>;

/** POST /diagnosis/results: questionId → optionId for every question (issues answer_missing / answer_unknown). */
export const DiagnosisAnswerSchema = z.strictObject({
  answers: z.record(text().max(80), text().max(80)),
});

export const DiagnosisResultSchema = z.object({
  id: z.string(),
  tier: TierSchema,
  scores: z.record(TierSchema, z.number().int()),
  reasons: z.array(z.object({ questionId: z.string(), optionId: z.string(), points: z.number().int() })),
  tieBroken: z.boolean(),
  answers: z.record(z.string(), z.string()),
  takenBy: z.string().nullable(),
  takenAt: z.string(),
  /** The tier's recommended measures (content). */
  measures: z.array(MeasureSchema),
});
export type DiagnosisResult = z.infer<typeof DiagnosisResultSchema>;
export const DiagnosisResultListSchema = z.object({ items: z.array(DiagnosisResultSchema) });

const TaskStatusSchema = z.enum(TASK_STATUSES);

/** POST /diagnosis/tasks: picked measures become tasks (issue 'unknown_measure', 'unknown_person'). */
export const TaskCreateSchema = z.strictObject({
  resultId: text().max(64).nullable().optional(),
  items: z
    .array(
      z.strictObject({
        measureId: text().max(80),
        /** Defaults to the measure's Japanese title. */
        title: text().trim().min(1).max(300).optional(),
        ownerPersonId: text().max(64).nullable().optional(),
        /** Defaults to today + the measure's suggested days. */
        dueDate: isoDate().nullable().optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type TaskCreate = z.infer<typeof TaskCreateSchema>;

export const TaskUpdateSchema = z.strictObject({
  title: text().trim().min(1).max(300).optional(),
  ownerPersonId: text().max(64).nullable().optional(),
  dueDate: isoDate().nullable().optional(),
  status: TaskStatusSchema.optional(),
});
export type TaskUpdate = z.infer<typeof TaskUpdateSchema>;

export const TaskSchema = z.object({
  id: z.string(),
  measureId: z.string().nullable(),
  resultId: z.string().nullable(),
  title: z.string(),
  ownerPersonId: z.string().nullable(),
  ownerPersonName: z.string().nullable(),
  dueDate: z.string().nullable(),
  status: TaskStatusSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Task = z.infer<typeof TaskSchema>;
export const TaskListQuerySchema = z.strictObject({
  status: TaskStatusSchema.optional(),
  cursor: text().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuerySchema>;
export const TaskListSchema = z.object({ items: z.array(TaskSchema), nextCursor: z.string().nullable() });
export const TaskCreatedSchema = z.object({ items: z.array(TaskSchema) });

/** The management checklist: 3 principles and 7 actions (content), with this org's state. */
export const ChecklistItemStateSchema = z.object({
  itemId: z.string(),
  kind: z.enum(['principle', 'action']),
  number: z.number().int(),
  title: Text,
  help: Text,
  done: z.boolean(),
  doneBy: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type ChecklistItemState = z.infer<typeof ChecklistItemStateSchema>;
export const ChecklistSchema = z.object({ title: Text, items: z.array(ChecklistItemStateSchema) });
export type Checklist = z.infer<typeof ChecklistSchema>;

export const ChecklistItemParamsSchema = z.strictObject({ itemId: text().max(80) });

/** PUT /diagnosis/checklist/:itemId (If-Match: the item's version, 0 before the first change). */
export const ChecklistUpdateSchema = z.strictObject({
  done: z.boolean(),
  note: multilineText().trim().max(1000).nullable().optional(),
});
export type ChecklistUpdate = z.infer<typeof ChecklistUpdateSchema>;
