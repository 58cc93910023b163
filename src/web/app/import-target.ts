import type { QueryKey } from '@tanstack/react-query';

type Issue = { row: number; field?: string; code: string; params?: Record<string, string | number> };

/**
 * What one kind of import (the people directory, an inventory register) tells the shared import
 * screens (ChooseFile, JobView): where its jobs live, its limits, and its words. Built by the
 * feature's import page with its translations.
 */
export interface ImportTarget {
  /** API path of the kind's jobs: '/people/imports', '/inventory/systems/imports'. */
  path: string;
  maxBytes: number;
  maxRows: number;
  /** Query keys the commit makes stale (the list, and what is derived from it). */
  invalidates: QueryKey[];
  /** The page that lists what was imported, and its link's words. */
  list: { to: string; label: string };
  /** The file field's label ('名簿ファイル'). */
  fileLabel: string;
  /** The rules shown above the file field, after the general ones. */
  rules: string[];
  /** Key prefix of the feature's words for refused headers and merged cells (see fileProblem). */
  headerWords: string;
  /** 'Import all N people' / 'Import all N rows'. */
  importAll: (count: number) => string;
  /** The sentence once committed. */
  committed: (result: { created: number; updated: number; unchanged: number }) => string;
  committedToast: string;
  /** A row's problem, in the feature's words. */
  issueMessage: (issue: Issue) => string;
  /** The file's column (or field) an error names, in the current language. */
  columnName: (field: string | undefined) => string;
}
