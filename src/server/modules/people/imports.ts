/**
 * People import: upload (parse + job), background validation in batches with progress, commit in
 * one transaction with one audit entry. Export lives here too: it writes the same columns.
 */

import type { Locale } from '../../../domain/organization.js';
import {
  exportCells,
  exportHeaders,
  type ImportedPerson,
  validateRow,
} from '../../../domain/people-import.js';
import { duplicateInFile, lookupKey, type RowError } from '../../../domain/spreadsheet.js';
import { checkSingleLineText } from '../../../domain/text-rules.js';
import {
  IMPORT_MAX_REPORTED_ERRORS,
  type ImportFailure,
  type ImportJob,
  type PeopleFileField,
} from '../../../shared/people.js';
import type { Db } from '../../db/database.js';
import type { PersonRow } from '../../db/schema.js';
import { audited } from '../../db/tx.js';
import { conflict, invalid, notFound, stale, unprocessable } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { exportFileName } from '../orgs/service.js';
import type { OrgActor } from '../types.js';
import { buildCsv, buildXlsx, type FileFormat, parsePeopleFile } from './files.js';
import * as repo from './repo.js';

/** Rows validated between two progress updates (and two turns of the event loop). */
const BATCH = 500;
/**
 * Validation saves progress every BATCH rows, milliseconds apart: a pending or running job silent
 * this long died with its process (a restart) and will not go on.
 */
const INTERRUPTED_AFTER_MS = 2 * 60 * 1000;
/** A checked file waits this long to be committed; then its rows are dropped and the job fails. */
export const UNCOMMITTED_KEPT_HOURS = 24;
/** How often a running server looks for interrupted and expired jobs (a few small queries). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

interface Report {
  format: FileFormat;
  fileName: string | null;
  validCount: number;
  errorCount: number;
  errors: RowError[];
  errorsTruncated?: boolean;
  result: { created: number; updated: number; unchanged?: number } | null;
}

/** Payload while waiting for validation: the parsed file. */
interface UploadedPayload {
  fields: (PeopleFileField | null)[];
  rows: [number, string[]][];
}

/** Payload once validated: the good rows, ready to write. */
interface ValidatedPayload {
  fields: (PeopleFileField | null)[];
  valid: ImportedPerson[];
}

function readReport(job: Pick<repo.ImportJobStored, 'report'>): Report {
  return job.report
    ? (JSON.parse(job.report) as Report)
    : { format: 'csv', fileName: null, validCount: 0, errorCount: 0, errors: [], result: null };
}

function presentImportJob(job: repo.ImportJobStored): ImportJob {
  const report = readReport(job);
  return {
    id: job.id,
    status: job.status,
    format: report.format,
    fileName: report.fileName,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    validCount: report.validCount,
    errorCount: report.errorCount,
    errors: report.errors,
    errorsTruncated: report.errorsTruncated ?? false,
    result: report.result,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
}

export async function startImport(
  db: Db,
  actor: OrgActor,
  file: { buffer: Buffer; fileName: string },
  log: { error(obj: unknown, msg: string): void },
): Promise<ImportJob> {
  // The name is shown in the job and the audit trail: the same rule as any one-line text.
  const nameProblem = checkSingleLineText(file.fileName);
  if (nameProblem)
    throw invalid('validation_failed', {
      issues: [{ path: ['file'], code: nameProblem.code, params: { character: nameProblem.character } }],
    });
  const parsed = await parsePeopleFile(file.buffer, file.fileName);
  const now = nowIso();
  // By code point, so a cut never leaves half a surrogate pair.
  const fileName = Array.from(file.fileName).slice(0, 255).join('') || null;
  const report: Report = {
    format: parsed.format,
    fileName,
    validCount: 0,
    errorCount: 0,
    errors: [],
    result: null,
  };
  const job: repo.ImportJobStored = {
    id: newId(),
    org_id: actor.orgId,
    user_id: actor.userId ?? '',
    kind: 'people',
    status: 'pending',
    total_rows: parsed.rows.length,
    processed_rows: 0,
    report: JSON.stringify(report),
    payload: JSON.stringify({ fields: parsed.fields, rows: parsed.rows } satisfies UploadedPayload),
    created_at: now,
    updated_at: now,
  };
  await audited(db, actor, async ({ trx, audit }) => {
    await repo.insertImportJob(trx, job);
    await audit({
      action: 'people.import_upload',
      entityType: 'import_job',
      entityId: job.id,
      details: { fileName, format: parsed.format, totalRows: parsed.rows.length },
    });
  });
  setImmediate(() => {
    validateInBackground(db, actor.orgId, job.id).catch(async (err: unknown) => {
      log.error({ err, jobId: job.id }, 'people import validation failed');
      await repo
        .updateImportJob(db.kysely, actor.orgId, job.id, {
          status: 'failed',
          payload: null,
          updated_at: nowIso(),
        })
        .catch(() => undefined); // the database may be gone (shutdown)
    });
  });
  return presentImportJob({ ...job, payload: null });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Validates the uploaded rows in batches, saving progress after each, so large files show progress. */
async function validateInBackground(db: Db, orgId: string, jobId: string): Promise<void> {
  const job = await repo.findImportJob(db.kysely, orgId, jobId, true);
  if (!job?.payload || job.status !== 'pending') return;
  const { fields, rows } = JSON.parse(job.payload) as UploadedPayload;
  const report = readReport(job);
  await repo.updateImportJob(db.kysely, orgId, jobId, { status: 'running', updated_at: nowIso() });

  const names = await repo.activeStructureNames(db.kysely, orgId);
  const lookups = {
    sites: new Map(names.sites.map((s) => [lookupKey(s.name), s.id])),
    departments: new Map(names.departments.map((d) => [lookupKey(d.name), d.id])),
  };
  const seen = new Map<string, number>();
  const valid: ImportedPerson[] = [];
  const errors: RowError[] = [];
  let errorRows = 0;
  let truncated = false;
  for (let i = 0; i < rows.length; i += BATCH) {
    for (const [rowNumber, cells] of rows.slice(i, i + BATCH)) {
      const result = validateRow(cells, fields, rowNumber, lookups);
      const dup = duplicateInFile(
        seen,
        result.value?.employeeNumber ?? employeeNumberOf(cells, fields),
        rowNumber,
        'employeeNumber',
      );
      const rowErrors = dup ? [...result.errors, dup] : result.errors;
      if (rowErrors.length) {
        errorRows++;
        if (errors.length < IMPORT_MAX_REPORTED_ERRORS) errors.push(...rowErrors);
        else truncated = true;
      } else if (result.value) valid.push(result.value);
    }
    const processed = Math.min(i + BATCH, rows.length);
    if (processed < rows.length) {
      await repo.updateImportJob(db.kysely, orgId, jobId, {
        processed_rows: processed,
        updated_at: nowIso(),
      });
      await nextTurn();
    }
  }
  truncated ||= errors.length > IMPORT_MAX_REPORTED_ERRORS;
  const done: Report = {
    ...report,
    validCount: valid.length,
    errorCount: errorRows,
    errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
    errorsTruncated: truncated,
  };
  await repo.updateImportJob(db.kysely, orgId, jobId, {
    status: 'done',
    processed_rows: rows.length,
    report: JSON.stringify(done),
    payload: JSON.stringify({ fields, valid } satisfies ValidatedPayload),
    updated_at: nowIso(),
  });
}

// A bad row still claims its employee number, so a later row with the same number is reported too.
function employeeNumberOf(cells: string[], fields: (PeopleFileField | null)[]): string | null {
  const i = fields.indexOf('employeeNumber');
  const v = i >= 0 ? (cells[i] ?? '').normalize('NFKC').trim() : '';
  return v || null;
}

const isActive = (status: repo.ImportJobStored['status']) => status === 'pending' || status === 'running';

/**
 * The report of a job that failed for a reason of its own, not of a row: the reason is the one
 * entry of `errors`, on row 0 (the whole file), which the web shows with the people issue texts.
 */
function failedReport(job: Pick<repo.ImportJobStored, 'report'>, reason: ImportFailure): string {
  const params = reason === 'import_expired' ? { hours: UNCOMMITTED_KEPT_HOURS } : undefined;
  const report: Report = {
    ...readReport(job),
    errors: [{ row: 0, code: reason, ...(params ? { params } : {}) }],
    errorsTruncated: false,
  };
  return JSON.stringify(report);
}

export async function getImport(db: Db, orgId: string, id: string): Promise<ImportJob> {
  const job = await repo.findImportJob(db.kysely, orgId, id);
  if (!job) throw notFound();
  // Until the next sweep records it, a job that stopped progressing is shown as what it is.
  if (isActive(job.status) && Date.now() - Date.parse(job.updated_at) > INTERRUPTED_AFTER_MS) {
    return presentImportJob({ ...job, status: 'failed', report: failedReport(job, 'import_interrupted') });
  }
  return presentImportJob(job);
}

/**
 * Maintenance of import jobs, for every organization: a pending or running job that stopped
 * progressing (its process was restarted) fails as `import_interrupted`; a checked job left
 * uncommitted for UNCOMMITTED_KEPT_HOURS fails as `import_expired`. Both lose their payload (the
 * uploaded rows), as finished jobs do. The user is told to upload the file again. Run at startup
 * and every SWEEP_EVERY_MS by `keizoku serve`.
 */
export async function sweepImportJobs(
  db: Db,
  now: number = Date.now(),
): Promise<{ interrupted: number; expired: number; cleared: number }> {
  const at = new Date(now).toISOString();
  const fail = async (
    jobs: Awaited<ReturnType<typeof repo.importJobsIdleSince>>,
    reason: ImportFailure,
  ): Promise<number> => {
    let n = 0;
    // Only from the status it was seen in: a commit that got there first wins.
    for (const job of jobs)
      n += await repo.updateImportJob(
        db.kysely,
        job.org_id,
        job.id,
        { status: 'failed', payload: null, report: failedReport(job, reason), updated_at: at },
        job.status,
      );
    return n;
  };
  const activeBefore = new Date(now - INTERRUPTED_AFTER_MS).toISOString();
  const doneBefore = new Date(now - UNCOMMITTED_KEPT_HOURS * 60 * 60 * 1000).toISOString();
  const interrupted = await fail(
    await repo.importJobsIdleSince(db.kysely, ['pending', 'running'], activeBefore),
    'import_interrupted',
  );
  const expired = await fail(
    await repo.importJobsIdleSince(db.kysely, ['done'], doneBefore),
    'import_expired',
  );
  const cleared = await repo.clearFinishedImportPayloads(db.kysely);
  return { interrupted, expired, cleared };
}

/**
 * Sweep now and then every SWEEP_EVERY_MS until the returned stop is called; a failed sweep is
 * reported and the next one tries again.
 */
export function scheduleImportSweeps(
  db: Db,
  log: { info(obj: unknown, msg: string): void; error(obj: unknown, msg: string): void },
  everyMs: number = SWEEP_EVERY_MS,
): () => void {
  const sweep = () =>
    sweepImportJobs(db).then(
      (r) => {
        if (r.interrupted || r.expired || r.cleared) log.info(r, 'people import jobs swept');
      },
      (err: unknown) => log.error({ err }, 'people import sweep failed'),
    );
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Writes the validated rows: 'all' only when no row is bad, 'valid_only' the good ones. Existing
 * employee numbers update that person (only the columns the file has); others are created.
 * One transaction, one audit entry.
 */
export async function commitImport(
  db: Db,
  actor: OrgActor,
  id: string,
  mode: 'all' | 'valid_only',
): Promise<ImportJob> {
  return audited(db, actor, async ({ trx, audit }) => {
    const job = await repo.findImportJob(trx, actor.orgId, id, true);
    if (!job) throw notFound();
    if (job.status !== 'done' || !job.payload) throw conflict('conflict', { params: { status: job.status } });
    const report = readReport(job);
    if (mode === 'all' && report.errorCount > 0) {
      throw unprocessable('import_has_errors', { params: { errorCount: report.errorCount } });
    }
    // Claim the job first: a second commit (even a concurrent one) finds it no longer 'done'.
    const claimed = await repo.updateImportJob(trx, actor.orgId, id, { status: 'committed' }, 'done');
    if (claimed === 0) throw conflict('conflict', { params: { status: 'committed' } });

    const { fields, valid } = JSON.parse(job.payload) as ValidatedPayload;
    const has = new Set(fields);
    const existing = await repo.peopleByEmployeeNumber(trx, actor.orgId);
    const now = nowIso();
    const inserts: PersonRow[] = [];
    let updated = 0;
    let unchanged = 0;
    for (const p of valid) {
      const current = p.employeeNumber ? existing.get(p.employeeNumber) : undefined;
      if (current) {
        const changes: Partial<PersonRow> = { name: p.name, updated_at: now };
        if (has.has('nameKana')) changes.name_kana = p.nameKana;
        if (has.has('email')) changes.email = p.email;
        if (has.has('phone')) changes.phone = p.phone;
        if (has.has('chatHandle')) changes.chat_handle = p.chatHandle;
        if (has.has('site')) changes.site_id = p.siteId;
        if (has.has('department')) changes.department_id = p.departmentId;
        if (has.has('homePrefecture')) changes.home_prefecture = p.homePrefecture;
        if (has.has('employmentStatus')) changes.employment_status = p.employmentStatus;
        // Re-importing unchanged data writes nothing (and leaves versions alone for open editors).
        const differs = (Object.keys(changes) as (keyof PersonRow)[]).some(
          (k) => k !== 'updated_at' && changes[k] !== current[k],
        );
        if (!differs) {
          unchanged++;
          continue;
        }
        const n = await repo.updatePerson(trx, actor.orgId, current.id, current.version, changes);
        if (n === 0) throw stale();
        updated++;
      } else {
        inserts.push({
          id: newId(),
          org_id: actor.orgId,
          employee_number: p.employeeNumber,
          name: p.name,
          name_kana: p.nameKana,
          email: p.email,
          phone: p.phone,
          chat_handle: p.chatHandle,
          site_id: p.siteId,
          department_id: p.departmentId,
          home_prefecture: p.homePrefecture,
          employment_status: p.employmentStatus,
          archived_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
    }
    await repo.insertPeople(trx, inserts);
    const result = { created: inserts.length, updated, unchanged };
    const finalReport: Report = { ...report, result };
    await repo.updateImportJob(trx, actor.orgId, id, {
      report: JSON.stringify(finalReport),
      payload: null,
      updated_at: now,
    });
    await audit({
      action: 'people.import',
      entityType: 'import_job',
      entityId: id,
      details: {
        mode,
        fileName: report.fileName,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        skippedRows: report.errorCount,
        totalRows: job.total_rows,
      },
    });
    return presentImportJob({
      ...job,
      status: 'committed',
      report: JSON.stringify(finalReport),
      updated_at: now,
    });
  });
}

export async function exportPeople(
  db: Db,
  orgId: string,
  format: FileFormat,
  lang: Locale,
  includeArchived: boolean,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const people = await repo.peopleForExport(db.kysely, orgId, includeArchived);
  const rows = people.map((p) =>
    exportCells(
      {
        employeeNumber: p.employee_number,
        name: p.name,
        nameKana: p.name_kana,
        email: p.email,
        phone: p.phone,
        chatHandle: p.chat_handle,
        siteName: p.site_name,
        departmentName: p.department_name,
        homePrefecture: p.home_prefecture,
        employmentStatus: p.employment_status,
      },
      lang,
    ),
  );
  const headers = exportHeaders(lang);
  const fileName = await exportFileName(db, orgId, 'people', format);
  if (format === 'xlsx') {
    return {
      body: await buildXlsx(lang === 'ja' ? '従業員' : 'People', headers, rows),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      fileName,
    };
  }
  return {
    body: buildCsv(headers, rows),
    contentType: 'text/csv; charset=utf-8',
    fileName,
  };
}
