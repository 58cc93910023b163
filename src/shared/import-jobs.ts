import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_STATUSES } from '../domain/import-jobs.js';

/**
 * The import job every spreadsheet import goes through (people, each inventory register): upload
 * (POST …/imports, multipart `file`) → the server checks every row in the background (GET
 * …/imports/:id shows progress, then the report and what committing would do) → commit (POST
 * …/imports/:id/commit) writes in one transaction. Nothing is written before the commit.
 */

/** Error entries kept in an import report; errorCount still counts every bad row. */
export const IMPORT_MAX_REPORTED_ERRORS = 10_000;

/**
 * One bad row of an import. `row` is the spreadsheet row number counting the header as row 1
 * (0 for a failed job's reason, see IMPORT_FAILURES). `field` is the API field of the column.
 * Codes: the module's field issue codes (required, too_long, invalid_email, unknown_site,
 * choice_unknown, level_unknown, rto_unreadable …), duplicate_in_file ({ firstRow }).
 */
const ImportRowErrorSchema = z.object({
  row: z.number().int(),
  field: z.string().optional(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/**
 * Why a job failed when no row is to blame: the one entry of its `errors`, on row 0 (the whole
 * file). import_interrupted: the server stopped while checking the file; import_expired: the
 * checked file waited longer than { hours } to be imported. Either way: upload the file again.
 */
export const IMPORT_FAILURES = ['import_interrupted', 'import_expired'] as const;
export type ImportFailure = (typeof IMPORT_FAILURES)[number];

/** Rows created and updated, and rows that matched a stored record with the same data (nothing written). */
const ImportCountsSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int().optional(),
});

export const ImportJobSchema = z.object({
  id: z.string(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES),
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string().nullable(),
  /** Data rows in the file (header and blank rows excluded). */
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  validCount: z.number().int(),
  /** Rows with at least one error (a row may have several entries in `errors`). */
  errorCount: z.number().int(),
  /** In row order; at most IMPORT_MAX_REPORTED_ERRORS entries (see errorsTruncated). */
  errors: z.array(ImportRowErrorSchema),
  /** True when the file had more errors than are listed (errorCount still counts every bad row). */
  errorsTruncated: z.boolean().optional(),
  /** Once checked: what committing the valid rows would do, as the data stood then. */
  preview: ImportCountsSchema.nullable().optional(),
  /** After commit: what was written. */
  result: ImportCountsSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

/** `all`: only when no row is bad (else 422 import_has_errors); `valid_only`: the good rows. */
export const ImportCommitSchema = z.strictObject({ mode: z.enum(['all', 'valid_only']) });
export type ImportCommit = z.infer<typeof ImportCommitSchema>;
