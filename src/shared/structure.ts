import { z } from 'zod';
import { SITE_KINDS } from '../domain/organization.js';
import { multilineText, patchBody, text } from './fields.js';
import { PrefectureCodeSchema } from './prefectures.js';

/** Organization structure: sites (拠点) and departments (部署). */

export const SiteKindSchema = z.enum(SITE_KINDS);

const Name = text().trim().min(1).max(100);

export const SiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: SiteKindSchema,
  /** JIS X 0401 code '01'…'47', or null. */
  prefectureCode: z.string().nullable(),
  address: z.string().nullable(),
  /** Set when archived (hidden from pickers, kept for history). */
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Send back as `If-Match: "<version>"` when editing. */
  version: z.number().int(),
});
export type Site = z.infer<typeof SiteSchema>;

const siteFields = {
  name: Name,
  kind: SiteKindSchema,
  prefectureCode: PrefectureCodeSchema.nullable().optional(),
  address: multilineText().trim().max(300).nullable().optional(),
};
export const SiteCreateSchema = z.strictObject(siteFields);
export type SiteCreate = z.infer<typeof SiteCreateSchema>;

/** PATCH body: only the fields to change; requires `If-Match: "<version>"`. */
export const SiteUpdateSchema = patchBody(siteFields);
export type SiteUpdate = z.infer<typeof SiteUpdateSchema>;

export const DepartmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Department = z.infer<typeof DepartmentSchema>;

export const DepartmentCreateSchema = z.strictObject({ name: Name });
export type DepartmentCreate = z.infer<typeof DepartmentCreateSchema>;

export const DepartmentUpdateSchema = patchBody({ name: Name });
export type DepartmentUpdate = z.infer<typeof DepartmentUpdateSchema>;

/** GET /sites and GET /departments: `?includeArchived=true` also lists archived ones. */
export const StructureListQuerySchema = z.strictObject({
  includeArchived: z.enum(['true', 'false']).optional(),
});

/** Lists are small (an SME has tens of sites); all items come in one page, nextCursor is null. */
export const SiteListSchema = z.object({ items: z.array(SiteSchema), nextCursor: z.string().nullable() });
export const DepartmentListSchema = z.object({
  items: z.array(DepartmentSchema),
  nextCursor: z.string().nullable(),
});

export const IdParamsSchema = z.strictObject({ id: text().max(64) });
