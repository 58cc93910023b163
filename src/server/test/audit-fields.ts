import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import { AUDIT_ENTITY_TYPES, AUDIT_HIDDEN_FIELDS, auditActionTitleKey } from '../../shared/audit.js';
import type { Database } from '../db/schema.js';
import { SECRET_FIELDS } from '../secret-fields.js';

/**
 * Checks on the audit entries a test file wrote, run when its database is dropped (harness.ts).
 *
 * Every field an audit entry may keep in clear. A field that is in neither this list nor
 * SECRET_FIELDS fails the test file that wrote it (see createTestDb's drop): whoever adds an
 * audited field decides here whether it is data to keep or a secret to redact.
 */
const AUDIT_KEPT_FIELDS: ReadonlySet<string> = new Set<string>([
  // records and their bookkeeping
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'archivedAt',
  'name',
  'nameKana',
  'description',
  'note',
  'kind',
  'status',
  'title',
  'source',
  'via',
  'reason',
  'mode',
  'format',
  'fileName',
  // accounts, members, invitations, logins
  'email',
  'displayName',
  'locale',
  'timezone',
  'annualSalesYen', // organization settings: the company's annual sales (whole yen)
  'role',
  'expiresAt',
  'ip',
  'mfa',
  'failures',
  'until',
  'sessionsEnded',
  // people and structure
  'employeeNumber',
  'employmentStatus',
  'phone',
  'chatHandle',
  'contact',
  'homePrefecture',
  'address',
  'prefectureCode',
  'prefectures',
  'siteId',
  'departmentId',
  // inventory registers and edges
  'layer',
  'side',
  'vendor',
  'hosting',
  'dataLocation',
  'eolDate',
  'contractNotes',
  'ownerPersonId',
  'ownerText',
  'importance',
  'dependencyLevel',
  'declaredRto',
  'rtoOverride',
  'minutes',
  'needsData',
  'needsTerminals',
  'needsUserManuals',
  'needsProcedureManuals',
  'from',
  'to',
  'fromId',
  'toId',
  // BIA, damage, diagnosis
  'scale',
  'matrix',
  'rtoPreset',
  'moved',
  'levelsChanged',
  'entries',
  'totalYen',
  'tier',
  'measureId',
  'dueDate',
  'done',
  // import and demo counts
  'created',
  'updated',
  'unchanged',
  'assetsAdded',
  'assetsUpdated',
  'skipped',
  'skippedRows',
  'totalRows',
  'sites',
  'departments',
  'people',
  'users',
  'systems',
  'components',
  'suppliers',
  'operations',
  'edges',
  'damageEstimates',
  'diagnoses',
  'tasks',
  'checklistDone',
  'signoffs',
  'changesSinceSignoff',
  // the IT-BCP's policy, scope and approver
  'policy',
  'scope',
  'approver',
  // an issued edition of the IT-BCP: its number
  'number',
  // recovery plan: steps as "title (minutes)", an incident's assumptions, a target's contacts by name
  'phase1Steps',
  'phase2Steps',
  'assumed',
  'whatStops',
  'whyItMatters',
  'layers',
  'contacts',
  // incident headquarters: incidents, roster, chronology, tasks, decisions, the recovery tracker
  'type',
  'beganAt',
  'closeSummary',
  'hqRole',
  'onShift',
  'occurredAt',
  'fromParty',
  'toParty',
  'handling',
  'dueAt',
  'decidedAt',
  'decidedBy',
  'basis',
  'stepsDone',
  'recoveredAt',
  // the earthquake trigger: its settings, the earthquake an incident was declared for, the HQ's answer
  'enabled',
  'threshold',
  'holdMinutes',
  'sendMode',
  'feedUrl',
  'eventId',
  'incident',
  'confirmation',
  // safety confirmation: how many were asked and mailed, the questions, reminders, a status
  'recipients',
  'emails',
  'questions',
  'reminderCount',
  'reminderIntervalMinutes',
  'deadlineAt',
  'reminder',
  'safetyStatus',
  // keizoku's own backups (where each copy went and whether its test restore passed)
  'file',
  'copy',
  'verify',
  // backup plans (what is backed up how; copies is their number, media their kinds in entries
  // written before copyChanges: [copy, field, before, after] per changed field of a copy)
  'method',
  'frequency',
  'rpoMinutes',
  'copies',
  'media',
  'copyChanges',
  'restoreTestedOn',
  'restoreResult',
  'restoreNote',
  'passes321',
  // security self-assessment: assessments, answers, actions, information assets
  'assessedOn',
  'checklists',
  'dropped',
  'added',
  'item',
  'currentState',
  'decision',
  'damageYen',
  'costYen',
  'ownerUserId',
  'secrecy',
  'mustEncrypt',
  'systemId',
]);

/**
 * Fields whose value is a map keyed by data (content item keys, levels, answer ids), not by
 * field names: their keys are values to keep, so the walk does not treat them as fields.
 */
const AUDIT_DATA_MAP_FIELDS: ReadonlySet<string> = new Set<string>([
  'amounts', // damage: keyed by damage item (investigation_recovery …)
  'rtoTable', // BIA: keyed by priority level (S, A, B …)
  'scores', // diagnosis: keyed by tier (matsu, take, ume)
  'impact', // assessment: keyed by aspect (confidentiality, integrity …)
]);

function walk(value: unknown, path: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, path, out);
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key) || AUDIT_DATA_MAP_FIELDS.has(key)) continue;
    if (!AUDIT_KEPT_FIELDS.has(key)) out.add(`${path}.${key}`);
    walk(v, `${path}.${key}`, out);
  }
}

/**
 * The audited fields in this database that are neither kept nor secret, as `action side.field`
 * ('damage.create after.amounts'); empty when every field is placed.
 */
export async function unplacedAuditFields(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select(['action', 'summary']).execute();
  const out = new Set<string>();
  for (const row of rows) {
    const summary: unknown = JSON.parse(row.summary);
    if (!summary || typeof summary !== 'object') continue;
    for (const [side, value] of Object.entries(summary)) walk(value, `${row.action} ${side}`, out);
  }
  return [...out].sort();
}

const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/i18n/locales/features');

interface AuditCatalog {
  actions: Record<string, unknown>;
  entityTypes: Record<string, unknown>;
  fields: Record<string, unknown>;
}

function catalog(lang: 'ja' | 'en'): AuditCatalog {
  const file = path.join(LOCALES, `audit.${lang}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { audit: AuditCatalog }).audit;
}

const LANGS = ['ja', 'en'] as const;

/** The fields an owner reads on the audit page: every kept or data-map field but the hidden ones. */
const shownFields = () =>
  [...AUDIT_KEPT_FIELDS, ...AUDIT_DATA_MAP_FIELDS].filter((f) => !AUDIT_HIDDEN_FIELDS.has(f));

/**
 * What the audit page cannot name in ja or en: kept fields without a label, entity types without
 * a label ('field ownerPersonId (en)', 'entity type backup (ja)').
 */
export function untranslatedAuditCatalog(): string[] {
  const out: string[] = [];
  for (const lang of LANGS) {
    const c = catalog(lang);
    for (const f of shownFields()) if (typeof c.fields[f] !== 'string') out.push(`field ${f} (${lang})`);
    for (const e of AUDIT_ENTITY_TYPES) {
      if (typeof c.entityTypes[e] !== 'string') out.push(`entity type ${e} (${lang})`);
    }
  }
  return out.sort();
}

/**
 * What the audited entries in this database need and the audit page lacks in ja or in en: an
 * action's title, an entity type's label, a field's label.
 */
export async function untitledAuditActions(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select(['action', 'entity_type', 'summary']).execute();
  const catalogs = { ja: catalog('ja'), en: catalog('en') };
  const out = new Set<string>();
  for (const row of rows) {
    for (const lang of LANGS) {
      const c = catalogs[lang];
      if (typeof c.actions[auditActionTitleKey(row.action)] !== 'string') out.add(`${row.action} (${lang})`);
      if (typeof c.entityTypes[row.entity_type] !== 'string') {
        out.add(`entity type ${row.entity_type} (${lang})`);
      }
      const summary: unknown = JSON.parse(row.summary);
      for (const side of Object.values(summary && typeof summary === 'object' ? summary : {})) {
        if (!side || typeof side !== 'object' || Array.isArray(side)) continue;
        for (const field of Object.keys(side)) {
          if (AUDIT_HIDDEN_FIELDS.has(field) || SECRET_FIELDS.has(field)) continue;
          if (typeof c.fields[field] !== 'string') out.add(`${row.action} field ${field} (${lang})`);
        }
      }
    }
  }
  return [...out].sort();
}
