/**
 * Row types of every table (snake_case, as stored). API objects are separate camelCase types in
 * src/shared; presenters convert. Times are UTC ISO-8601 text; ids are UUIDv7 text; booleans are
 * expressed as nullable timestamps (`archived_at`, `mfa_enabled_at`) so both engines agree.
 */
import type { ColumnType, Selectable } from 'kysely';
import type { BackupMethod, RestoreResult } from '../../domain/backup-plan.js';
import type { Scale } from '../../domain/bia.js';
import type { ItLayer, NodeKind, Side } from '../../domain/dependency-graph.js';
import type { ImportKind, ImportStatus } from '../../domain/import-jobs.js';
import type {
  EntryKind,
  HandlingStatus,
  HqRole,
  HqTaskStatus,
  IncidentMode,
  IncidentStatus,
} from '../../domain/incidents.js';
import type { Hosting, SupplierKind } from '../../domain/inventory.js';
import type { EmploymentStatus, Locale, Role, SiteKind } from '../../domain/organization.js';
import type { OutboundChannel, OutboundReason, OutboundStatus } from '../../domain/outbound.js';
import type { IncidentType } from '../../domain/recovery.js';
import type { CanWork, HomeDamage, SafetyStatus } from '../../domain/safety.js';
import type { TaskStatus, Tier } from '../../domain/tier-diagnosis.js';

interface OrganizationsTable {
  id: string;
  name: string;
  timezone: string;
  /** Entered once in the settings, reused by damage estimates (migration 0006). */
  annual_sales_yen: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface UsersTable {
  id: string;
  /** Stored lower-cased; unique. */
  email: string;
  display_name: string;
  password_hash: string;
  locale: Locale;
  mfa_secret: string | null;
  mfa_enabled_at: string | null;
  /** TOTP time step of the last accepted code (a code is never accepted twice); optional on insert. */
  mfa_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  failed_login_count: number;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

interface MembershipsTable {
  id: string;
  org_id: string;
  user_id: string;
  role: Role;
  created_at: string;
}

interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  user_id: string;
  current_org_id: string | null;
  /** Set once the second factor (if any) has been passed. */
  verified_at: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

interface RecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

interface InvitationsTable {
  id: string;
  org_id: string;
  token_hash: string;
  email: string | null;
  role: Role;
  invited_by: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
  created_at: string;
}

interface SitesTable {
  id: string;
  org_id: string;
  name: string;
  kind: SiteKind;
  prefecture_code: string | null;
  address: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface DepartmentsTable {
  id: string;
  org_id: string;
  name: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface PeopleTable {
  id: string;
  org_id: string;
  employee_number: string | null;
  name: string;
  name_kana: string | null;
  email: string | null;
  phone: string | null;
  chat_handle: string | null;
  site_id: string | null;
  department_id: string | null;
  /** JIS X 0401 prefecture code '01'…'47'. */
  home_prefecture: string | null;
  employment_status: EmploymentStatus;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface AuditLogTable {
  id: string;
  /** Position in its chain (per organization; org_id null = system chain). */
  seq: number;
  org_id: string | null;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** JSON text: { before?, after?, ... } with secrets removed. */
  summary: string;
  prev_hash: string;
  hash: string;
}

interface AuditHeadsTable {
  /** org id, or '' for the system chain. */
  chain: string;
  seq: number;
  hash: string;
}

export interface ImportJobsTable {
  id: string;
  org_id: string;
  user_id: string;
  kind: ImportKind;
  status: ImportStatus;
  total_rows: number;
  processed_rows: number;
  /** JSON text: the report (errors per row, counts). */
  report: string | null;
  /** JSON text: the parsed rows waiting for commit (migration 0003). */
  payload: string | null;
  created_at: string;
  updated_at: string;
}

// --- Issue 3: inventory, BIA, diagnosis, damage (migration 0004) ---------------------------------
// JSON columns hold text: lists of strings, RTOs ({ kind, minutes? }), matrices, snapshots.

interface InventoryColumns {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

interface BusinessOperationsTable extends InventoryColumns {
  owner_person_id: string | null;
  owner_text: string | null;
  importance: number | null;
  dependency_level: number | null;
  rto_override: string | null;
  needs_data: string;
  needs_terminals: string;
  needs_procedure_manuals: string;
  needs_user_manuals: string;
}

interface ItSystemsTable extends InventoryColumns {
  owner_person_id: string | null;
  owner_text: string | null;
  vendor: string | null;
  hosting: Hosting | null;
  data_location: string | null;
  eol_date: string | null;
  dependency_level: number | null;
  declared_rto: string | null;
}

interface ItComponentsTable extends InventoryColumns {
  layer: ItLayer;
  side: Side;
  declared_rto: string | null;
}

interface SuppliersTable extends InventoryColumns {
  kind: SupplierKind;
  contact: string | null;
  contract_notes: string | null;
  declared_rto: string | null;
}

interface DependencyEdgesTable {
  id: string;
  org_id: string;
  from_type: NodeKind;
  from_id: string;
  to_type: NodeKind;
  to_id: string;
  created_at: string;
}

interface BiaSettingsTable {
  id: string;
  org_id: string;
  scale: Scale;
  matrix: string;
  rto_preset: string;
  rto_table: string;
  level_definitions: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The IT-BCP's policy, scope and approver (migration 0009): one row per organization. */
interface PlanPoliciesTable {
  id: string;
  org_id: string;
  policy: string;
  scope: string;
  approver: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** 0011: an issued edition of the IT-BCP, never updated (the document as issued, ja and en JSON). */
interface PlanEditionsTable {
  id: string;
  org_id: string;
  number: number;
  issued_at: string;
  issued_by: string | null;
  approver: string;
  note: string | null;
  content_hash: string;
  document_ja: string;
  document_en: string;
}

interface BiaSignoffsTable {
  id: string;
  org_id: string;
  signed_by: string | null;
  signed_at: string;
  note: string | null;
  snapshot: string;
}

interface DiagnosisResultsTable {
  id: string;
  org_id: string;
  taken_by: string | null;
  taken_at: string;
  tier: Tier;
  answers: string;
  scores: string;
  reasons: string;
  tie_broken: number;
}

interface DiagnosisTasksTable {
  id: string;
  org_id: string;
  measure_id: string | null;
  result_id: string | null;
  title: string;
  owner_person_id: string | null;
  due_date: string | null;
  status: TaskStatus;
  created_at: string;
  updated_at: string;
  version: number;
}

interface ManagementChecklistTable {
  id: string;
  org_id: string;
  item_id: string;
  done_at: string | null;
  done_by: string | null;
  note: string | null;
  updated_at: string;
  version: number;
}

interface DamageEstimatesTable {
  id: string;
  org_id: string;
  name: string;
  scenario: string | null;
  annual_sales_yen: number | null;
  amounts: string;
  preset_id: string | null;
  operation_id: string | null;
  system_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

// --- Issue 8: keizoku's own backups (migration 0005) ---------------------------------------------

export interface BackupRunsTable {
  id: string;
  /** 'schedule' (inside the server) or 'cli' (`keizoku backup`). */
  trigger: 'schedule' | 'cli' | 'manual';
  status: 'running' | 'ok' | 'failed';
  started_at: string;
  finished_at: string | null;
  /** The bundle's full path in the first place (DATA_DIR/backups or --out). */
  file: string | null;
  bytes: number | null;
  sha256: string | null;
  /** Set when the bundle is encrypted with the backup passphrase. */
  encrypted_at: string | null;
  /** The second copy (KEIZOKU_BACKUP_COPY_DIR), when one was made. */
  copy_file: string | null;
  copy_status: 'ok' | 'failed' | 'not_configured';
  verify_status: 'ok' | 'failed' | 'skipped';
  verified_at: string | null;
  /** One sentence: what the test restore checked, or why it failed. */
  verify_detail: string | null;
  error: string | null;
}

/** One-time password-reset links: only the token's SHA-256 is kept (0007). */
interface PasswordResetsTable {
  id: string;
  token_hash: string;
  user_id: string;
  /** The organization whose owner or admin made the link (null for a later email reset). */
  org_id: string | null;
  created_by: string | null;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

// --- Issue 10: backup plan (migration 0008) -------------------------------------------------

/** Backup plan per system or data set (0008); production and copies are JSON text. */
interface BackupPlansTable {
  id: string;
  org_id: string;
  /** The inventory's system, or null for a named data set. */
  system_id: string | null;
  data_set_name: string | null;
  method: BackupMethod;
  /** JSON BackupFrequency, or null when not decided. */
  frequency: string | null;
  rpo_minutes: number | null;
  production: string;
  copies: string;
  restore_tested_on: string | null;
  restore_result: RestoreResult;
  restore_note: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

// --- Issue 10: recovery plan (migration 0010) ------------------------------------------------

/** One system's procedure; phase1 / phase2 are JSON lists of steps (shared/recovery.ts StoredStep). */
interface RecoveryProceduresTable {
  id: string;
  org_id: string;
  system_id: string;
  phase1: string;
  phase2: string;
  degraded_note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An incident type as the organization assumes it; layers is a JSON list of IT layers 1–5. */
interface RecoveryIncidentsTable {
  id: string;
  org_id: string;
  incident: string;
  assumed_at: string | null;
  what_stops: string | null;
  why_it_matters: string | null;
  layers: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A damage target's recovery owner and contacts (IT-BCP template 5.2); id lists are JSON. */
interface RecoveryContactsTable {
  id: string;
  org_id: string;
  target: string;
  target_note: string | null;
  owner_person_id: string | null;
  owner_text: string | null;
  contact_person_ids: string;
  contact_supplier_ids: string;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

// --- Issue 12: incident headquarters (migration 0013) ------------------------------------------

/** An incident (real or drill); site_ids and prefecture_codes are JSON lists. */
interface IncidentsTable {
  id: string;
  org_id: string;
  type: IncidentType;
  mode: IncidentMode;
  title: string;
  status: IncidentStatus;
  began_at: string;
  site_ids: string;
  prefecture_codes: string;
  declared_by: string | null;
  closed_at: string | null;
  close_summary: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A person on the HQ roster of an incident; on shift while on_shift_at is set. */
interface IncidentRosterTable {
  id: string;
  org_id: string;
  incident_id: string;
  person_id: string;
  role: HqRole;
  on_shift_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A chronology entry: never rewritten (only its handling changes); corrects_id points at the entry it corrects. */
interface ChronologyEntriesTable {
  id: string;
  org_id: string;
  incident_id: string;
  occurred_at: string;
  recorded_at: string;
  author_user_id: string | null;
  from_party: string | null;
  to_party: string | null;
  kind: EntryKind;
  text: string;
  handling: HandlingStatus;
  tags: string;
  links: string;
  corrects_id: string | null;
  version: number;
}

interface IncidentTasksTable {
  id: string;
  org_id: string;
  incident_id: string;
  title: string;
  owner_person_id: string | null;
  due_at: string | null;
  status: HqTaskStatus;
  entry_ids: string;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A decision as recorded (append-only): who decided, when, on what information. */
interface IncidentDecisionsTable {
  id: string;
  org_id: string;
  incident_id: string;
  decided_at: string;
  decided_by_person_id: string | null;
  decision: string;
  basis: string | null;
  entry_ids: string;
  recorded_at: string;
  version: number;
}

/** A system in the IT recovery tracker; steps_done is a JSON list of { key, at, by }. */
interface IncidentSystemsTable {
  id: string;
  org_id: string;
  incident_id: string;
  system_id: string;
  steps_done: string;
  recovered_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** What changed, for the live screens: seq counts from 1 per organization. */
interface IncidentEventsTable {
  org_id: string;
  seq: number;
  incident_id: string | null;
  kind: string;
  subject_id: string | null;
  at: string;
}

// 0015: safety confirmation (安否確認)
interface SafetyRequestsTable {
  id: string;
  org_id: string;
  incident_id: string;
  /** JSON: the filter the request was sent to (SafetyFilter). */
  filter: string;
  /** JSON: the questions asked (SafetyQuestion[]). */
  questions: string;
  note: string | null;
  reminder_count: number;
  reminder_interval_minutes: number;
  deadline_at: string | null;
  reminders_sent: number;
  next_reminder_at: string | null;
  created_by: string | null;
  created_at: string;
}

interface SafetyRecipientsTable {
  id: string;
  org_id: string;
  incident_id: string;
  request_id: string;
  person_id: string;
  asked_at: string;
  sent_count: number;
  last_sent_at: string | null;
  first_answered_at: string | null;
  latest_answer_id: string | null;
  latest_status: SafetyStatus | null;
}

/** A personal link: only the SHA-256 of its token (hex). */
interface SafetyLinksTable {
  token_hash: string;
  org_id: string;
  recipient_id: string;
  created_at: string;
}

interface SafetyAnswersTable {
  id: string;
  org_id: string;
  incident_id: string;
  recipient_id: string;
  status: SafetyStatus;
  location_text: string | null;
  lat: number | null;
  lng: number | null;
  accuracy: number | null;
  can_work: CanWork | null;
  /** 1 yes, 0 no, null not asked or not said. */
  family_safe: number | null;
  home_damage: HomeDamage | null;
  message: string | null;
  /** The member who answered on the person's behalf; null when the person answered. */
  proxy_user_id: string | null;
  idempotency_key: string | null;
  body_hash: string | null;
  answered_at: string;
}

interface SafetyTokenFailuresTable {
  /** SHA-256 of the caller's address. */
  address_hash: string;
  window_start: string;
  count: number;
}

// --- All tables, and a row of each as selected ---------------------------------------------------

interface OutboundMessagesTable {
  id: string;
  org_id: string;
  channel: OutboundChannel;
  /** Unique per organization: enqueueing the same key again adds nothing. */
  dedupe_key: string;
  /** An email address, or a webhook URL (a secret). */
  recipient: string;
  subject: string | null;
  /** The mail's text, or the webhook's JSON body. */
  body: string;
  status: OutboundStatus;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string;
  /** Which claim holds a 'sending' row; only it may record the outcome. */
  claim_token: string | null;
  /** A 'sending' row whose lease ran out (its process died) is claimed again. */
  locked_until: string | null;
  last_reason: OutboundReason | null;
  /** The SMTP reply or HTTP status, never a password or a webhook URL. */
  last_detail: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  failed_at: string | null;
}

// 0017: rate limits shared by several processes; the earthquake trigger
interface RateLimitHitsTable {
  key: string;
  hits: number;
  /** Epoch milliseconds at which the window ends. */
  reset_at: number;
}

interface QuakeSettingsTable {
  org_id: string;
  enabled: number;
  /** A SeismicIntensity ('5-'). */
  threshold: string;
  hold_minutes: number;
  /** 'confirm' (the HQ confirms before safety requests go out) or 'auto'. */
  send_mode: string;
  /** SHA-256 of the push endpoint's token; the token itself is shown once. */
  push_token_hash: string | null;
  feed_url: string | null;
  version: number;
  updated_at: string;
}

interface QuakeEventsTable {
  id: string;
  org_id: string;
  event_id: string;
  /** The trigger rule's TriggerState as JSON. */
  state: string;
  headline: string;
  /** When a held request is due (ISO); null when nothing is held. */
  send_at: string | null;
  incident_id: string | null;
  confirmation: string | null;
  created_at: string;
  updated_at: string;
}

interface QuakeFeedEntriesTable {
  org_id: string;
  entry_id: string;
  seen_at: string;
}

// --- Issue 11: security self-assessment (migration 0016) ---------------------------------------

/** An assessment of one or several checklists; checklists and tailoring are JSON. */
interface AssessmentsTable {
  id: string;
  org_id: string;
  title: string;
  assessed_on: string;
  checklists: string;
  tailoring: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The answer to one item ("checklist-id/item-id") of an assessment, versioned on its own. */
interface AssessmentAnswersTable {
  id: string;
  org_id: string;
  assessment_id: string;
  item_key: string;
  position: number;
  current_state: string | null;
  /** JSON: { confidentiality: { level, reason }, … } */
  impact: string;
  decision: 'done' | 'planned' | 'not_needed' | null;
  due_date: string | null;
  reason: string | null;
  damage_yen: number | string | null;
  cost_yen: number | string | null;
  updated_by: string | null;
  updated_at: string;
  version: number;
}

/** What a "will do" decision became: who does it by when, linked to its answer. */
interface AssessmentActionsTable {
  id: string;
  org_id: string;
  assessment_id: string;
  answer_id: string;
  owner_person_id: string | null;
  owner_user_id: string | null;
  due_date: string;
  status: 'open' | 'in_progress' | 'done';
  done_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** An information asset of an assessment (004 §11.2.1). */
interface AssessmentAssetsTable {
  id: string;
  org_id: string;
  assessment_id: string;
  kind: string;
  name: string;
  secrecy: string;
  must_encrypt: number;
  system_id: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface Database {
  // 0001–0003: organizations, accounts, sites, departments, people, audit, import jobs
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  invitations: InvitationsTable;
  sites: SitesTable;
  departments: DepartmentsTable;
  people: PeopleTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  import_jobs: ImportJobsTable;
  // 0004: inventory, BIA, diagnosis, damage
  business_operations: BusinessOperationsTable;
  it_systems: ItSystemsTable;
  it_components: ItComponentsTable;
  suppliers: SuppliersTable;
  dependency_edges: DependencyEdgesTable;
  bia_settings: BiaSettingsTable;
  bia_signoffs: BiaSignoffsTable;
  diagnosis_results: DiagnosisResultsTable;
  diagnosis_tasks: DiagnosisTasksTable;
  management_checklist: ManagementChecklistTable;
  damage_estimates: DamageEstimatesTable;
  // 0005: backups
  backup_runs: BackupRunsTable;
  // 0007: password resets
  password_resets: PasswordResetsTable;
  // 0009: the IT-BCP document's policy and scope
  // 0008: backup plan
  backup_plans: BackupPlansTable;
  plan_policies: PlanPoliciesTable;
  // 0010: recovery plan
  recovery_procedures: RecoveryProceduresTable;
  recovery_incidents: RecoveryIncidentsTable;
  recovery_contacts: RecoveryContactsTable;
  // 0011: editions of the IT-BCP
  plan_editions: PlanEditionsTable;
  // 0014: outbound mail and chat webhook queue
  outbound_messages: OutboundMessagesTable;
  // 0013: incident headquarters
  incidents: IncidentsTable;
  incident_roster: IncidentRosterTable;
  chronology_entries: ChronologyEntriesTable;
  incident_tasks: IncidentTasksTable;
  incident_decisions: IncidentDecisionsTable;
  incident_systems: IncidentSystemsTable;
  incident_events: IncidentEventsTable;
  // 0017: shared rate limits, the earthquake trigger
  rate_limit_hits: RateLimitHitsTable;
  quake_settings: QuakeSettingsTable;
  quake_events: QuakeEventsTable;
  quake_feed_entries: QuakeFeedEntriesTable;
  // 0015: safety confirmation
  safety_requests: SafetyRequestsTable;
  safety_recipients: SafetyRecipientsTable;
  safety_links: SafetyLinksTable;
  safety_answers: SafetyAnswersTable;
  safety_token_failures: SafetyTokenFailuresTable;
  // 0016: security self-assessment
  assessments: AssessmentsTable;
  assessment_answers: AssessmentAnswersTable;
  assessment_actions: AssessmentActionsTable;
  assessment_assets: AssessmentAssetsTable;
}

/** A row of `table` as a query selects it. */
type Row<T extends keyof Database> = Selectable<Database[T]>;

export type OrganizationRow = Row<'organizations'>;
export type UserRow = Row<'users'>;
export type SessionRow = Row<'sessions'>;
export type InvitationRow = Row<'invitations'>;
export type SiteRow = Row<'sites'>;
export type DepartmentRow = Row<'departments'>;
export type PersonRow = Row<'people'>;
export type AuditRow = Row<'audit_log'>;
export type AssessmentRow = Row<'assessments'>;
export type AssessmentAnswerRow = Row<'assessment_answers'>;
export type AssessmentActionRow = Row<'assessment_actions'>;
export type AssessmentAssetRow = Row<'assessment_assets'>;
export type DependencyEdgeRow = Row<'dependency_edges'>;
export type BiaSettingsRow = Row<'bia_settings'>;
export type BiaSignoffRow = Row<'bia_signoffs'>;
export type DiagnosisResultRow = Row<'diagnosis_results'>;
export type DiagnosisTaskRow = Row<'diagnosis_tasks'>;
export type ManagementChecklistRow = Row<'management_checklist'>;
export type DamageEstimateRow = Row<'damage_estimates'>;
export type PasswordResetRow = Row<'password_resets'>;
export type BackupRunRow = Row<'backup_runs'>;
export type BackupPlanRow = Row<'backup_plans'>;
export type PlanPolicyRow = Row<'plan_policies'>;
export type RecoveryProcedureRow = Row<'recovery_procedures'>;
export type RecoveryIncidentRow = Row<'recovery_incidents'>;
export type RecoveryContactRow = Row<'recovery_contacts'>;
export type PlanEditionRow = Row<'plan_editions'>;
export type OutboundMessageRow = Row<'outbound_messages'>;
export type IncidentRow = Row<'incidents'>;
export type RosterRow = Row<'incident_roster'>;
export type ChronologyEntryRow = Row<'chronology_entries'>;
export type IncidentTaskRow = Row<'incident_tasks'>;
export type IncidentDecisionRow = Row<'incident_decisions'>;
export type IncidentSystemRow = Row<'incident_systems'>;
export type IncidentEventRow = Row<'incident_events'>;
export type QuakeSettingsRow = Row<'quake_settings'>;
export type QuakeEventRow = Row<'quake_events'>;
export type SafetyRequestRow = Row<'safety_requests'>;
export type SafetyRecipientRow = Row<'safety_recipients'>;
export type SafetyAnswerRow = Row<'safety_answers'>;
