import type { TFunction } from 'i18next';
import { z } from 'zod';
import {
  BACKUP_CONNECTION_LABELS,
  BACKUP_LOCATION_LABELS,
  type BackupConnection,
  type BackupLocation,
  durationWords,
} from '../../../domain/backup-plan.js';
import { RtoSchema } from '../../../domain/bia-schemas.js';
import type { Rto } from '../../../domain/rto.js';
import { formatRtoCell } from '../../../domain/rto-text.js';
import { AUDIT_REFERENCE_FIELDS, type AuditEntry, auditActionTitleKey } from '../../../shared/audit.js';
import { formatDateTime } from '../../app/errors.js';
import { yenExact } from '../../app/money.js';
import { prefectureName } from '../../app/prefectures.js';

/** How an owner reads an audit entry: a sentence for its title, labels and values in words. */

const RecordSchema = z.record(z.string(), z.unknown());
const asRecord = (value: unknown): Record<string, unknown> | null =>
  RecordSchema.safeParse(value).data ?? null;

/**
 * The entry as a sentence naming its record: 「業務『入館受付』を変更しました」.
 * @example entryTitle(t, { action: 'operation.update', entityName: '入館受付' }) // '業務『入館受付』を変更しました'
 */
export function entryTitle(t: TFunction, entry: Pick<AuditEntry, 'action' | 'entityName'>): string {
  const name = entry.entityName?.trim();
  const target = name ? t('audit.target', { name: name.length > 80 ? `${name.slice(0, 79)}…` : name }) : '';
  return t(`audit.actions.${auditActionTitleKey(entry.action)}`, { target, defaultValue: entry.action });
}

/** A field's label ('ownerPersonId' → '担当者'). */
export function fieldLabel(t: TFunction, field: string): string {
  return t(`audit.fields.${field}`, { defaultValue: field });
}

/** Dates in the one format of the app (the reader's language, medium style: 2027/03/31). */
function formatDay(lang: string, day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return formatDateTime(day);
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(date);
}

const DAY_FIELDS = new Set(['eolDate', 'dueDate', 'restoreTestedOn']);
const INSTANT_FIELDS = new Set(['expiresAt', 'until']);
const LEVEL_FIELDS = new Set(['importance', 'dependencyLevel']);
const RTO_FIELDS = new Set(['declaredRto', 'rtoOverride']);
const PREFECTURE_FIELDS = new Set(['prefectureCode', 'homePrefecture']);

/** Fields whose values are codes with a label in audit.values.<field>. */
const ENUM_FIELDS = new Set([
  'role',
  'locale',
  'employmentStatus',
  'hosting',
  'side',
  'layer',
  'status',
  'tier',
  'mfa',
  'reason',
  'mode',
  'via',
  'copy',
  'verify',
  'method',
  'media',
  'restoreResult',
]);

const isRto = (v: unknown): v is Rto => RtoSchema.safeParse(v).success;

/** A value's label from audit.values.<group>.<value>, or the value itself. */
function enumLabel(t: TFunction, group: string, value: string): string {
  return t(`audit.values.${group}.${value}`, { defaultValue: value });
}

/**
 * One change to a backup plan's copies ([copy, field, before, after], domain diffCopies) in words:
 * 「写し2の媒体：NAS → クラウドストレージ」, 「写し4を追加（テープ）」.
 */
function copyChangeWords(t: TFunction, lang: string, change: unknown): string {
  if (!Array.isArray(change)) return String(change);
  const [copy, field, before, after] = change as [unknown, unknown, unknown, unknown];
  const locale = lang === 'en' ? 'en' : 'ja';
  const word = (v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('audit.none');
    if (typeof v === 'boolean') return v ? t('audit.yes') : t('audit.no');
    const code = String(v);
    if (field === 'location' && code in BACKUP_LOCATION_LABELS)
      return BACKUP_LOCATION_LABELS[code as BackupLocation][locale];
    if (field === 'connection' && code in BACKUP_CONNECTION_LABELS)
      return BACKUP_CONNECTION_LABELS[code as BackupConnection][locale];
    if (field === 'medium' || field === 'added' || field === 'removed') return enumLabel(t, 'media', code);
    return code;
  };
  if (field === 'added') return t('audit.copyAdded', { copy, medium: word(after) });
  if (field === 'removed') return t('audit.copyRemoved', { copy, medium: word(before) });
  return t('audit.copyChange', {
    copy,
    field: enumLabel(t, 'copyField', String(field)),
    before: word(before),
    after: word(after),
  });
}

/**
 * A recorded value in words: names instead of ids, labels instead of codes, dates, yen, はい/いいえ.
 * Never HTML (React escapes the text).
 */
export function formatValue(
  t: TFunction,
  lang: string,
  entry: Pick<AuditEntry, 'entityType' | 'names'>,
  field: string,
  value: unknown,
): string {
  const list = lang === 'en' ? ', ' : '、';
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return t('audit.none');
  }
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  if (AUDIT_REFERENCE_FIELDS.has(field) && typeof value === 'string') {
    return entry.names[value] ?? t('audit.unknownRecord');
  }
  if ((field === 'totalYen' || field === 'annualSalesYen') && typeof value === 'number')
    return yenExact(lang, value);
  if (DAY_FIELDS.has(field) && typeof value === 'string') return formatDay(lang, value);
  if (INSTANT_FIELDS.has(field) && typeof value === 'string') return formatDateTime(value);
  if (LEVEL_FIELDS.has(field) && typeof value === 'number') return t('audit.level', { level: value });
  if (PREFECTURE_FIELDS.has(field) && typeof value === 'string') return prefectureName(lang, value) || value;
  if (RTO_FIELDS.has(field) && isRto(value)) return formatRtoCell(value, lang === 'en' ? 'en' : 'ja');
  if (ENUM_FIELDS.has(field) && (typeof value === 'string' || typeof value === 'number')) {
    return enumLabel(t, field, String(value));
  }
  if (field === 'kind' && typeof value === 'string') {
    if (entry.entityType === 'site') return enumLabel(t, 'siteKind', value);
    if (entry.entityType === 'supplier') return enumLabel(t, 'supplierKind', value);
    return value;
  }
  if (field === 'copyChanges' && Array.isArray(value))
    return value.map((c) => copyChangeWords(t, lang, c)).join('\n');
  const record = asRecord(value);
  const locale = lang === 'en' ? 'en' : 'ja';
  if (field === 'rpoMinutes' && typeof value === 'number') return durationWords(value, locale);
  if (field === 'frequency' && record) {
    if (typeof record.minutes !== 'number') return t('audit.frequencyContinuous');
    return t('audit.frequencyEvery', { duration: durationWords(record.minutes, locale) });
  }
  if (field === 'amounts' && record) {
    return Object.entries(record)
      .map(
        ([item, amount]) =>
          `${enumLabel(t, 'damageItem', item)}: ${typeof amount === 'number' ? yenExact(lang, amount) : String(amount)}`,
      )
      .join('\n');
  }
  if (field === 'rtoTable' && record) {
    return Object.entries(record)
      .map(
        ([priority, rto]) =>
          `${priority}: ${isRto(rto) ? formatRtoCell(rto, lang === 'en' ? 'en' : 'ja') : t('audit.none')}`,
      )
      .join(list);
  }
  if (field === 'scores' && record) {
    return Object.entries(record)
      .map(([tier, score]) => `${enumLabel(t, 'tier', tier)} ${String(score)}`)
      .join(list);
  }
  if (field === 'matrix' && Array.isArray(value)) {
    return value.map((row) => (Array.isArray(row) ? row.join(' ') : String(row))).join(' / ');
  }
  if (Array.isArray(value)) return value.map((v) => formatValue(t, lang, entry, field, v)).join(list);
  if (typeof value === 'number') return value.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
