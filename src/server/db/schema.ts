/**
 * Row types of every table (snake_case, as stored). API objects are separate camelCase types in
 * src/shared; presenters convert. Times are UTC ISO-8601 text; ids are UUIDv7 text; booleans are
 * expressed as nullable timestamps (`archived_at`, `mfa_enabled_at`) so both engines agree.
 */
import type { ColumnType, Selectable } from 'kysely';
import type { BackupMethod, RestoreResult } from '../../domain/backup-plan.js';
import type { Scale } from '../../domain/bia.js';
import type { ItLayer, NodeKind, Side } from '../../domain/dependency-graph.js';
import type { ImportStatus } from '../../domain/import-jobs.js';
import type { Hosting, SupplierKind } from '../../domain/inventory.js';
import type { EmploymentStatus, Locale, Role, SiteKind } from '../../domain/organization.js';
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
  kind: string;
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

export interface Database {
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
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type SiteRow = Selectable<SitesTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type PersonRow = Selectable<PeopleTable>;
export type AuditRow = Selectable<AuditLogTable>;

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

export interface BusinessOperationsTable extends InventoryColumns {
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

export interface ItSystemsTable extends InventoryColumns {
  owner_person_id: string | null;
  owner_text: string | null;
  vendor: string | null;
  hosting: Hosting | null;
  data_location: string | null;
  eol_date: string | null;
  dependency_level: number | null;
  declared_rto: string | null;
}

export interface ItComponentsTable extends InventoryColumns {
  layer: ItLayer;
  side: Side;
  declared_rto: string | null;
}

export interface SuppliersTable extends InventoryColumns {
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

// Declaration merging: adds the issue-3 tables to Database above.
export interface Database {
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
}

export type DependencyEdgeRow = Selectable<DependencyEdgesTable>;
export type BiaSettingsRow = Selectable<BiaSettingsTable>;
export type BiaSignoffRow = Selectable<BiaSignoffsTable>;
export type DiagnosisResultRow = Selectable<DiagnosisResultsTable>;
export type DiagnosisTaskRow = Selectable<DiagnosisTasksTable>;
export type ManagementChecklistRow = Selectable<ManagementChecklistTable>;
export type DamageEstimateRow = Selectable<DamageEstimatesTable>;

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

export interface Database {
  backup_runs: BackupRunsTable;
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

export interface Database {
  password_resets: PasswordResetsTable;
}

export type PasswordResetRow = Selectable<PasswordResetsTable>;

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

export interface Database {
  backup_plans: BackupPlansTable;
}

export type BackupPlanRow = Selectable<BackupPlansTable>;

export type BackupRunRow = Selectable<BackupRunsTable>;
