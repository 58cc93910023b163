/**
 * The one import pipeline of every spreadsheet import (the people directory, each inventory
 * register): upload (read the file, keep its rows in a job) → check every row in the background,
 * in batches with progress → a report with each bad row's row and column and a preview of what
 * committing would do → commit the valid rows in one transaction with one audit entry. Nothing
 * is written to the module's tables before the commit. A kind (ImportKindSpec) brings its file
 * columns, its row check and its writes; the job, its limits, expiry and audit live here once.
 */

import type { ImportKind } from '../../../domain/import-jobs.js';
import type { HeaderMapping, RowError } from '../../../domain/spreadsheet.js';
import { checkSingleLineText } from '../../../domain/text-rules.js';
import {
  IMPORT_MAX_REPORTED_ERRORS,
  type ImportCommit,
  type ImportFailure,
  type ImportJob,
} from '../../../shared/import-jobs.js';
import type { Db } from '../../db/database.js';
import { audited } from '../../db/tx.js';
import { conflict, invalid, notFound, unprocessable } from '../../errors.js';
import { type FileFormat, readImportFile } from '../../files/import-file.js';
import { newId, nowIso } from '../../ids.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

type Q = Db['kysely'];

/** What committing the valid rows does, as read in `q`; `apply` writes it (inside the commit's transaction). */
interface ImportPlan {
  created: number;
  updated: number;
  unchanged: number;
  apply(now: string): Promise<void>;
}

/** The check of one data row: its value ready to write, or its errors (row and field named). */
interface RowCheck<V> {
  value: V | null;
  errors: RowError[];
}

/**
 * One kind of import. F: the file's fields; V: a checked row, kept as JSON in the job until the
 * commit (so only JSON values).
 */
export interface ImportKindSpec<F extends string, V> {
  kind: ImportKind;
  /** Data rows a file may have; the upload's byte limit is the route's. */
  maxRows: number;
  /** Audit actions of the upload and of the commit (each with a title in the audit locale files). */
  audit: { upload: string; commit: string };
  mapHeaders(header: readonly string[]): HeaderMapping<F>;
  /**
   * Loads once what the rows are checked against (names, the BIA scale …) and returns the check
   * of one row. Rows come in file order, so the check may remember earlier ones (duplicates).
   */
  checker(q: Q, orgId: string, fields: (F | null)[]): Promise<(cells: string[], row: number) => RowCheck<V>>;
  /** What writing the valid rows changes (created, updated, unchanged), and the writes. */
  plan(q: Q, orgId: string, fields: (F | null)[], valid: V[]): Promise<ImportPlan>;
}

/** Rows checked between two progress updates (and two turns of the event loop). */
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

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

interface Report {
  format: FileFormat;
  fileName: string | null;
  validCount: number;
  errorCount: number;
  errors: RowError[];
  errorsTruncated?: boolean;
  preview?: Counts | null;
  result: Counts | null;
}

/** Payload while waiting for validation: the parsed file. */
interface UploadedPayload<F> {
  fields: (F | null)[];
  rows: [number, string[]][];
}

/** Payload once validated: the good rows, ready to write. */
interface ValidatedPayload<F, V> {
  fields: (F | null)[];
  valid: V[];
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
    kind: job.kind,
    status: job.status,
    format: report.format,
    fileName: report.fileName,
    totalRows: job.total_rows,
    processedRows: job.processed_rows,
    validCount: report.validCount,
    errorCount: report.errorCount,
    errors: report.errors,
    errorsTruncated: report.errorsTruncated ?? false,
    preview: report.preview ?? null,
    result: report.result,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
  };
}

/**
 * Reads the uploaded file (a file that cannot be read, or whose headers do not fit, is refused
 * here as a whole), keeps its rows in a new job and starts checking them in the background.
 */
export async function startImport<F extends string, V>(
  db: Db,
  spec: ImportKindSpec<F, V>,
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
  const parsed = await readImportFile(file.buffer, file.fileName, spec.maxRows, spec.mapHeaders);
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
    kind: spec.kind,
    status: 'pending',
    total_rows: parsed.rows.length,
    processed_rows: 0,
    report: JSON.stringify(report),
    payload: JSON.stringify({ fields: parsed.fields, rows: parsed.rows } satisfies UploadedPayload<F>),
    created_at: now,
    updated_at: now,
  };
  await audited(db, actor, async ({ trx, audit }) => {
    await repo.insertImportJob(trx, job);
    await audit({
      action: spec.audit.upload,
      entityType: 'import_job',
      entityId: job.id,
      details: { fileName, format: parsed.format, totalRows: parsed.rows.length },
    });
  });
  setImmediate(() => {
    validateInBackground(db, spec, actor.orgId, job.id).catch(async (err: unknown) => {
      log.error({ err, jobId: job.id, kind: spec.kind }, 'import validation failed');
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

/** Checks the uploaded rows in batches, saving progress after each, so large files show progress. */
async function validateInBackground<F extends string, V>(
  db: Db,
  spec: ImportKindSpec<F, V>,
  orgId: string,
  jobId: string,
): Promise<void> {
  const job = await repo.findImportJob(db.kysely, orgId, spec.kind, jobId, true);
  if (!job?.payload || job.status !== 'pending') return;
  const { fields, rows } = JSON.parse(job.payload) as UploadedPayload<F>;
  const report = readReport(job);
  await repo.updateImportJob(db.kysely, orgId, jobId, { status: 'running', updated_at: nowIso() });

  const check = await spec.checker(db.kysely, orgId, fields);
  const valid: V[] = [];
  const errors: RowError[] = [];
  let errorRows = 0;
  let truncated = false;
  for (let i = 0; i < rows.length; i += BATCH) {
    for (const [rowNumber, cells] of rows.slice(i, i + BATCH)) {
      const result = check(cells, rowNumber);
      if (result.errors.length) {
        errorRows++;
        if (errors.length < IMPORT_MAX_REPORTED_ERRORS) errors.push(...result.errors);
        else truncated = true;
      } else if (result.value !== null) valid.push(result.value);
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
  // The preview reads the stored rows once; nothing is written.
  const plan = await spec.plan(db.kysely, orgId, fields, valid);
  const done: Report = {
    ...report,
    validCount: valid.length,
    errorCount: errorRows,
    errors: errors.slice(0, IMPORT_MAX_REPORTED_ERRORS),
    errorsTruncated: truncated,
    preview: { created: plan.created, updated: plan.updated, unchanged: plan.unchanged },
  };
  await repo.updateImportJob(db.kysely, orgId, jobId, {
    status: 'done',
    processed_rows: rows.length,
    report: JSON.stringify(done),
    payload: JSON.stringify({ fields, valid } satisfies ValidatedPayload<F, V>),
    updated_at: nowIso(),
  });
}

const isActive = (status: repo.ImportJobStored['status']) => status === 'pending' || status === 'running';

/**
 * The report of a job that failed for a reason of its own, not of a row: the reason is the one
 * entry of `errors`, on row 0 (the whole file), which the web shows with the module's issue texts.
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

/** A job of the caller's organization and of this kind; any other is not found. */
export async function getImport(db: Db, kind: ImportKind, orgId: string, id: string): Promise<ImportJob> {
  const job = await repo.findImportJob(db.kysely, orgId, kind, id);
  if (!job) throw notFound();
  // Until the next sweep records it, a job that stopped progressing is shown as what it is.
  if (isActive(job.status) && Date.now() - Date.parse(job.updated_at) > INTERRUPTED_AFTER_MS) {
    return presentImportJob({ ...job, status: 'failed', report: failedReport(job, 'import_interrupted') });
  }
  return presentImportJob(job);
}

/**
 * Maintenance of import jobs of every kind, for every organization: a pending or running job that
 * stopped progressing (its process was restarted) fails as `import_interrupted`; a checked job left
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
        if (r.interrupted || r.expired || r.cleared) log.info(r, 'import jobs swept');
      },
      (err: unknown) => log.error({ err }, 'import sweep failed'),
    );
  void sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Writes the checked rows: 'all' only when no row is bad, 'valid_only' the good ones. The plan is
 * made again inside the transaction, so rows changed since the check are compared as they are
 * now. One transaction, one audit entry; the job is claimed first, so it commits once.
 */
export async function commitImport<F extends string, V>(
  db: Db,
  spec: ImportKindSpec<F, V>,
  actor: OrgActor,
  id: string,
  mode: ImportCommit['mode'],
): Promise<ImportJob> {
  return audited(db, actor, async ({ trx, audit }) => {
    const job = await repo.findImportJob(trx, actor.orgId, spec.kind, id, true);
    if (!job) throw notFound();
    if (job.status !== 'done' || !job.payload) throw conflict('conflict', { params: { status: job.status } });
    const report = readReport(job);
    if (mode === 'all' && report.errorCount > 0) {
      throw unprocessable('import_has_errors', { params: { errorCount: report.errorCount } });
    }
    // Claim the job first: a second commit (even a concurrent one) finds it no longer 'done'.
    const claimed = await repo.updateImportJob(trx, actor.orgId, id, { status: 'committed' }, 'done');
    if (claimed === 0) throw conflict('conflict', { params: { status: 'committed' } });

    const { fields, valid } = JSON.parse(job.payload) as ValidatedPayload<F, V>;
    const plan = await spec.plan(trx, actor.orgId, fields, valid);
    const now = nowIso();
    await plan.apply(now);
    const result = { created: plan.created, updated: plan.updated, unchanged: plan.unchanged };
    const finalReport: Report = { ...report, result };
    await repo.updateImportJob(trx, actor.orgId, id, {
      report: JSON.stringify(finalReport),
      payload: null,
      updated_at: now,
    });
    await audit({
      action: spec.audit.commit,
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
