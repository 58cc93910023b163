import { z } from 'zod';
import { LOCALES } from '../domain/organization.js';
import { text } from './fields.js';
import { PERMISSIONS, RoleSchema } from './roles.js';

/**
 * Accounts, sessions, first-run setup, MFA and invitations: request and response shapes shared by
 * the server and the web app. Inputs are strict objects (unknown fields are refused).
 */

const LocaleSchema = z.enum(LOCALES);

/** Trimmed, lower-cased e-mail address (addresses are stored lower-cased). */
export const EmailSchema = text().trim().toLowerCase().max(254).pipe(z.email());

/** A password as typed at login; the policy (length, common list…) is checked only on new ones. */
const PasswordSchema = z.string().min(1).max(256);
/**
 * A new password. Only its upper bound is checked here; the server applies the password policy
 * (src/domain/password-policy.ts) and reports password_too_short / password_too_common /
 * password_same_as_email as a field issue on the password field.
 */
const NewPasswordSchema = z.string().max(256);
export const PASSWORD_MIN_LENGTH = 12;

export const DisplayNameSchema = text().trim().min(1).max(100);
export const OrganizationNameSchema = text().trim().min(1).max(200);

/** A 6-digit TOTP code or a recovery code (xxxxx-xxxxx); spaces are ignored by the server. */
const MfaCodeSchema = text().trim().min(1).max(64);

// ---- First-run setup -------------------------------------------------------------------------

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() });

export const SetupRequestSchema = z.strictObject({
  organizationName: OrganizationNameSchema,
  displayName: DisplayNameSchema,
  email: EmailSchema,
  password: NewPasswordSchema,
  locale: LocaleSchema,
});
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

// ---- Login / MFA / logout --------------------------------------------------------------------

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** After a correct password: when mfaRequired, POST /auth/mfa/verify finishes the login. */
export const LoginResponseSchema = z.object({ mfaRequired: z.boolean() });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const MfaVerifyRequestSchema = z.strictObject({ code: MfaCodeSchema });
export type MfaVerifyRequest = z.infer<typeof MfaVerifyRequestSchema>;

export const OkSchema = z.object({ ok: z.literal(true) });

// ---- Session (the web app's boot call) -------------------------------------------------------

export const SessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: LocaleSchema,
  mfaEnabled: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

const OrgMembershipSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
});
export type OrgMembership = z.infer<typeof OrgMembershipSchema>;

const CurrentOrgSchema = OrgMembershipSchema.extend({
  /** What the role may do (src/shared/roles.ts); the web app hides what the server would refuse. */
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type CurrentOrg = z.infer<typeof CurrentOrgSchema>;

export const SessionResponseSchema = z.discriminatedUnion('authenticated', [
  z.object({ authenticated: z.literal(false) }),
  z.object({
    authenticated: z.literal(true),
    /** True while the second factor is outstanding: only /auth/mfa/verify and logout work. */
    mfaPending: z.boolean(),
    user: SessionUserSchema,
    organizations: z.array(OrgMembershipSchema),
    currentOrg: CurrentOrgSchema.nullable(),
    csrfToken: z.string(),
  }),
]);
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

// ---- Account ---------------------------------------------------------------------------------

export const UpdateMeRequestSchema = z.strictObject({
  displayName: DisplayNameSchema.optional(),
  locale: LocaleSchema.optional(),
});
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: PasswordSchema,
  newPassword: NewPasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const MfaSetupResponseSchema = z.object({
  /** Base32 secret, for typing into an authenticator by hand. */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** The otpauth URL as a QR code, an SVG document. */
  qrSvg: z.string(),
});
export type MfaSetupResponse = z.infer<typeof MfaSetupResponseSchema>;

export const MfaEnableRequestSchema = z.strictObject({ code: MfaCodeSchema });

export const PasswordConfirmRequestSchema = z.strictObject({ password: PasswordSchema });

export const RECOVERY_CODE_COUNT = 10;
/** Shown once: only their hashes are kept. */
export const RecoveryCodesResponseSchema = z.object({
  recoveryCodes: z.array(z.string()).length(RECOVERY_CODE_COUNT),
});
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponseSchema>;

// ---- Invitations (public side; the members side is in orgs.ts) -------------------------------

export const PasswordResetTokenParamsSchema = z.object({ token: text().min(1).max(200) });

export const PasswordResetRequestSchema = z.strictObject({ password: NewPasswordSchema });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequestSchema>;

/**
 * Whether a link can still be used, and nothing else about it or its account (a link never made,
 * or replaced by a newer one, is a 404 reset_link_invalid).
 */
export const PasswordResetLinkStatusSchema = z.object({ status: z.enum(['valid', 'used', 'expired']) });
export type PasswordResetLinkStatus = z.infer<typeof PasswordResetLinkStatusSchema>;

/** "Forgot your password?": the address to send a reset link to. */
export const ForgotPasswordRequestSchema = z.strictObject({ email: EmailSchema });
export type ForgotPasswordRequest = z.infer<typeof ForgotPasswordRequestSchema>;

/**
 * Whether this server mails reset links (SMTP_URL is set). The answer to a request is this too,
 * the same whether or not the address has an account.
 */
export const ForgotPasswordOptionsSchema = z.object({ byEmail: z.boolean() });

export const InvitationTokenParamsSchema = z.object({ token: text().min(1).max(200) });

export const InvitationPreviewSchema = z.object({
  organizationName: z.string(),
  role: RoleSchema,
  expiresAt: z.string(),
  /** Set when the invitation is for one address only. */
  email: z.string().optional(),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

/**
 * Accepting an invitation: a caller with a verified session sends {} and joins with their account;
 * anyone else sends all four fields to create an account (and is logged in).
 */
export const AcceptInvitationRequestSchema = z.strictObject({
  displayName: DisplayNameSchema.optional(),
  email: EmailSchema.optional(),
  password: NewPasswordSchema.optional(),
  locale: LocaleSchema.optional(),
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequestSchema>;

export const AcceptInvitationResponseSchema = z.object({
  organizationId: z.string(),
  /** True when a new account was created (and the caller is now logged in as it). */
  accountCreated: z.boolean(),
});
export type AcceptInvitationResponse = z.infer<typeof AcceptInvitationResponseSchema>;
