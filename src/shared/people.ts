import { z } from 'zod';
import { EMPLOYMENT_STATUSES, LOCALES } from '../domain/organization.js';
import {
  EMAIL_RE,
  KANA_RE,
  PEOPLE_FILE_COLUMNS,
  PERSON_LIMITS,
  type PeopleFileField,
  PHONE_RE,
} from '../domain/people.js';
import { patchBody, text } from './fields.js';
import { PrefectureCodeSchema } from './prefectures.js';

/** The people directory: employees, who may never log in. */

export const EmploymentStatusSchema = z.enum(EMPLOYMENT_STATUSES);

// Rules and limits: src/domain/people.ts.
export { EMAIL_RE, KANA_RE, PERSON_LIMITS, PHONE_RE };

// Optional text: null or '' clears the field (the server stores null for '').
const optionalText = (max: number) => text().trim().max(max).nullable().optional();
const checked = (max: number, re: RegExp, code: string) =>
  text()
    .trim()
    .max(max)
    .refine((v) => v === '' || re.test(v), { message: code })
    .nullable()
    .optional();

const personFields = {
  employeeNumber: optionalText(PERSON_LIMITS.employeeNumber),
  name: text().trim().min(1).max(PERSON_LIMITS.name),
  /** Field issue code 'invalid_kana' when not kana. */
  nameKana: checked(PERSON_LIMITS.nameKana, KANA_RE, 'invalid_kana'),
  /** Field issue code 'invalid_email'. */
  email: checked(PERSON_LIMITS.email, EMAIL_RE, 'invalid_email'),
  /** Field issue code 'invalid_phone'. */
  phone: checked(PERSON_LIMITS.phone, PHONE_RE, 'invalid_phone'),
  chatHandle: optionalText(PERSON_LIMITS.chatHandle),
  /** A site of the same organization (else field issue 'unknown_site'). */
  siteId: text().max(64).nullable().optional(),
  /** A department of the same organization (else field issue 'unknown_department'). */
  departmentId: text().max(64).nullable().optional(),
  /** JIS X 0401 code '01'…'47'. */
  homePrefecture: PrefectureCodeSchema.nullable().optional(),
};

export const PersonCreateSchema = z.strictObject({
  ...personFields,
  employmentStatus: EmploymentStatusSchema.default('full_time'),
});
export type PersonCreate = z.infer<typeof PersonCreateSchema>;

/** PATCH body: only the fields to change; requires `If-Match: "<version>"`. */
export const PersonUpdateSchema = patchBody({ ...personFields, employmentStatus: EmploymentStatusSchema });
export type PersonUpdate = z.infer<typeof PersonUpdateSchema>;

export const PersonSchema = z.object({
  id: z.string(),
  employeeNumber: z.string().nullable(),
  name: z.string(),
  nameKana: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  chatHandle: z.string().nullable(),
  siteId: z.string().nullable(),
  /** Name of the site, for display. */
  siteName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  homePrefecture: z.string().nullable(),
  employmentStatus: EmploymentStatusSchema,
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Send back as `If-Match: "<version>"` when editing. */
  version: z.number().int(),
});
export type Person = z.infer<typeof PersonSchema>;

/** GET /people: search and filters; sorted by name then id; cursor pagination. */
export const PeopleListQuerySchema = z.strictObject({
  /** Matches name, kana, email or employee number (case-insensitive, part of the text). */
  q: text().trim().max(100).optional(),
  siteId: text().max(64).optional(),
  departmentId: text().max(64).optional(),
  employmentStatus: EmploymentStatusSchema.optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
  cursor: text().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type PeopleListQuery = z.infer<typeof PeopleListQuerySchema>;

export const PeopleListSchema = z.object({ items: z.array(PersonSchema), nextCursor: z.string().nullable() });
export type PeopleList = z.infer<typeof PeopleListSchema>;

// --- Import and export -------------------------------------------------------------------------

export { PEOPLE_FILE_COLUMNS, type PeopleFileField };

/** Import file limits (the upload itself is limited to 20 MB). */
export const IMPORT_MAX_ROWS = 50_000;
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

export const ExportQuerySchema = z.strictObject({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(LOCALES).default('ja'),
  includeArchived: z.enum(['true', 'false']).optional(),
});
