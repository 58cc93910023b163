import { z } from 'zod';
import { DAMAGE_MAX_YEN } from '../domain/damage.js';
import { EmailSchema, OrganizationNameSchema } from './auth.js';
import { text } from './fields.js';
import { RoleSchema } from './roles.js';

/** Organizations, the advisor overview, members and invitations (the organization side). */

/** True when `zone` is an IANA time zone this runtime knows (e.g. 'Asia/Tokyo'). */
function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** IANA time zone; invalid ones give the field issue code `timezone_invalid`. */
const TimeZoneSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'timezone_invalid' });

// ---- Organizations -----------------------------------------------------------------------------

export const OrgSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  /** Whole yen, entered once here and reused by every damage estimate; null until entered. */
  annualSalesYen: z.number().int().nullable(),
  /** Send back as If-Match: "N" when updating. */
  version: z.number().int(),
});
export type Org = z.infer<typeof OrgSchema>;

/** One organization on the advisor overview (GET /orgs). */
const OrgOverviewItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  peopleCount: z.number().int(),
  sitesCount: z.number().int(),
  membersCount: z.number().int(),
});
export type OrgOverviewItem = z.infer<typeof OrgOverviewItemSchema>;

export const OrgOverviewResponseSchema = z.object({ items: z.array(OrgOverviewItemSchema) });
export type OrgOverviewResponse = z.infer<typeof OrgOverviewResponseSchema>;

export const CreateOrgRequestSchema = z.strictObject({ name: OrganizationNameSchema });
export type CreateOrgRequest = z.infer<typeof CreateOrgRequestSchema>;

export const SwitchOrgRequestSchema = z.strictObject({ orgId: text().min(1).max(64) });

export const UpdateOrgRequestSchema = z.strictObject({
  name: OrganizationNameSchema.optional(),
  timezone: TimeZoneSchema.optional(),
  annualSalesYen: z.number().int().min(0).max(DAMAGE_MAX_YEN).nullable().optional(),
});
export type UpdateOrgRequest = z.infer<typeof UpdateOrgRequestSchema>;

// ---- Members -----------------------------------------------------------------------------------

export const MemberSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: RoleSchema,
  mfaEnabled: z.boolean(),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof MemberSchema>;

export const ListQuerySchema = z.strictObject({
  cursor: text().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

export const MemberListResponseSchema = z.object({
  items: z.array(MemberSchema),
  nextCursor: z.string().nullable(),
});
export type MemberListResponse = z.infer<typeof MemberListResponseSchema>;

export const UserIdParamsSchema = z.object({ userId: text().min(1).max(64) });

export const UpdateMemberRequestSchema = z.strictObject({ role: RoleSchema });

// ---- Invitations -------------------------------------------------------------------------------

export const INVITATION_STATUSES = ['pending', 'accepted', 'expired', 'revoked'] as const;
const InvitationStatusSchema = z.enum(INVITATION_STATUSES);
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

export const CreateInvitationRequestSchema = z.strictObject({
  /** When set, only this address may accept. */
  email: EmailSchema.optional(),
  role: RoleSchema,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type CreateInvitationRequest = z.input<typeof CreateInvitationRequestSchema>;

/** The link is shown once: only a hash of its token is stored. */
export const CreateInvitationResponseSchema = z.object({
  id: z.string(),
  url: z.string(),
  expiresAt: z.string(),
});
export type CreateInvitationResponse = z.infer<typeof CreateInvitationResponseSchema>;

// ---- Password reset links ------------------------------------------------------------------------

/** The one-time link for a member; shown once, the server keeps only its hash. */
export const PasswordResetLinkResponseSchema = z.object({ url: z.string(), expiresAt: z.string() });
export type PasswordResetLinkResponse = z.infer<typeof PasswordResetLinkResponseSchema>;

const InvitationSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  role: RoleSchema,
  status: InvitationStatusSchema,
  expiresAt: z.string(),
  createdAt: z.string(),
  invitedBy: z.object({ userId: z.string(), displayName: z.string() }),
  acceptedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationListResponseSchema = z.object({
  items: z.array(InvitationSchema),
  nextCursor: z.string().nullable(),
});
export type InvitationListResponse = z.infer<typeof InvitationListResponseSchema>;

export const InvitationIdParamsSchema = z.object({ id: text().min(1).max(64) });
