import type { ErrorCode, FieldIssue } from '../shared/problem.js';

/**
 * What went wrong, in the words of the rules rather than of HTTP. The error handler
 * (`http/problem.ts`) alone turns a kind into a status; services, repos and `db/` throw these and
 * never import `http/` (checked by `npm run lint:imports`).
 */
const ERROR_KINDS = [
  /** The input breaks a rule (400). */
  'invalid',
  /** Nobody is logged in, or the login is not finished (401). */
  'unauthenticated',
  /** The caller may not do this (403). */
  'forbidden',
  /** No such thing in the caller's organization (404). */
  'not_found',
  /** The current state forbids it: a duplicate, a cycle, work under way (409). */
  'conflict',
  /** It existed but is used up or expired (410). */
  'gone',
  /** The version edited is no longer the current one (412). */
  'stale',
  /** Well-formed, but its content cannot be applied (422). */
  'unprocessable',
  /** Locked for a while, e.g. after too many failed logins (423). */
  'locked',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What an error carries beside its code: values for the message, and per-field issues. */
interface ErrorDetail {
  params?: Record<string, string | number>;
  issues?: FieldIssue[];
}

/** A refusal the client can act on: a kind, and a stable code the web app translates. */
export class DomainError extends Error {
  readonly params?: Record<string, string | number>;
  readonly issues?: FieldIssue[];

  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    detail: ErrorDetail = {},
  ) {
    super(code);
    this.name = 'DomainError';
    this.params = detail.params;
    this.issues = detail.issues;
  }
}

const make =
  (kind: ErrorKind) =>
  (code: ErrorCode, detail?: ErrorDetail): DomainError =>
    new DomainError(kind, code, detail);

/** @example throw invalid('validation_failed', { issues: [{ path: ['name'], code: 'required' }] }) */
export const invalid = make('invalid');
export const unauthenticated = make('unauthenticated');
/** @example throw forbidden() // code `forbidden` */
export const forbidden = (code: ErrorCode = 'forbidden', detail?: ErrorDetail) =>
  new DomainError('forbidden', code, detail);
/** @example throw notFound() // code `not_found`; notFound('invitation_invalid') */
export const notFound = (code: ErrorCode = 'not_found', detail?: ErrorDetail) =>
  new DomainError('not_found', code, detail);
/** @example throw conflict('duplicate', { params: { field: 'name' } }) */
export const conflict = make('conflict');
export const gone = make('gone');
/** The row changed since the client read it: `stale()` is `version_conflict`. */
export const stale = (code: ErrorCode = 'version_conflict', detail?: ErrorDetail) =>
  new DomainError('stale', code, detail);
export const unprocessable = make('unprocessable');
export const locked = make('locked');
