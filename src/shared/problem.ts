import { z } from 'zod';

/**
 * Stable error codes. The web app translates `errors.<code>`; never change a code's meaning.
 * Add new codes here (and to both locale files) rather than inventing strings in handlers.
 */
export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'malformed_json',
  'malformed_url',
  'payload_too_large',
  'unsupported_media_type',
  'uri_too_long',
  'headers_too_large',
  'request_timeout',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'forbidden',
  'csrf_invalid',
  'rate_limited',
  'conflict',
  'version_conflict',
  'duplicate',
  'invalid_credentials',
  'account_locked',
  'mfa_required',
  'mfa_invalid',
  'mfa_already_enabled',
  'mfa_not_enabled',
  'mfa_secret_unreadable',
  'password_too_short',
  'password_too_long',
  'password_too_common',
  'password_same_as_email',
  'password_wrong',
  'setup_already_done',
  'invitation_invalid',
  'invitation_expired',
  'invitation_email_mismatch',
  'reset_link_invalid',
  'last_owner',
  'file_encoding_unsupported',
  'file_unreadable',
  'file_headers_invalid',
  'file_too_many_rows',
  'import_has_errors',
  'graph_cycle',
  'edge_kind_not_allowed',
  'backup_in_progress',
  'measure_already_task',
  'bia_empty',
  'plan_policy_missing',
  'incident_closed',
  'quake_token_invalid',
  'quake_trigger_off',
  'quake_report_refused',
  'quake_not_pending',
  'safety_link_invalid',
  'idempotency_key_reused',
  'sheet_not_assessment',
  'sheet_wrong_checklist',
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field (path is the field path, e.g. ['email']). */
export const FieldIssueSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  /** Extra values for the translated message, e.g. { minimum: 12 }. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** RFC 9457 problem details, with our stable `code`. */
const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  issues: z.array(FieldIssueSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;
