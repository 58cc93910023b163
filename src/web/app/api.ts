import { z } from 'zod';
import { type FieldIssue, FieldIssueSchema } from '../../shared/problem.js';

export const API_BASE = '/api/v1';

/** A refused or failed API call, carrying the server's stable code (translated as `errors.<code>`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly issues: FieldIssue[] = [],
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** The network was unreachable (server down, offline): status 0, code `network_error`. */
function networkError(): ApiError {
  return new ApiError(0, 'network_error');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;

/** Remember the token the session answer carries, so unsafe calls need no extra round trip. */
export function setCsrfToken(token: string | null | undefined): void {
  if (token) csrfToken = token;
}

const CsrfSchema = z.object({ token: z.string() });

async function fetchCsrfToken(): Promise<string> {
  const res = await rawFetch('GET', '/auth/csrf');
  const body = CsrfSchema.parse(await res.json());
  csrfToken = body.token;
  return body.token;
}

export interface RequestOptions {
  body?: unknown;
  /** Version the caller edited; sent as `If-Match: "N"` for optimistic concurrency. */
  ifMatch?: number | string;
  signal?: AbortSignal;
}

async function rawFetch(
  method: string,
  path: string,
  opts: RequestOptions = {},
  headers: Record<string, string> = {},
): Promise<Response> {
  const sent: Record<string, string> = { Accept: 'application/json, application/problem+json', ...headers };
  const init: RequestInit = { method, credentials: 'same-origin', headers: sent, signal: opts.signal };
  if (opts.body !== undefined) {
    if (opts.body instanceof FormData) {
      init.body = opts.body;
    } else {
      sent['Content-Type'] = 'application/json';
      init.body = JSON.stringify(opts.body);
    }
  }
  if (opts.ifMatch !== undefined) sent['If-Match'] = `"${opts.ifMatch}"`;
  try {
    return await fetch(`${API_BASE}${path}`, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError();
  }
}

/** What of a problem answer the web app reads; each part falls back on its own when it is off. */
const ProblemBodySchema = z.object({
  code: z.string().catch('internal_error'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).catch({}),
  issues: z.array(FieldIssueSchema).catch([]),
});

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = ProblemBodySchema.parse(await res.json());
    return new ApiError(res.status, body.code, body.params, body.issues);
  } catch {
    return new ApiError(res.status, res.status >= 500 ? 'internal_error' : 'unknown_error');
  }
}

export interface ApiResponse<T> {
  data: T;
  /** The version from the ETag header, when the server sends one. */
  etag: string | null;
}

/**
 * Calls the API with the session cookie, sending the CSRF token on unsafe methods (fetching it on
 * first use and once more if the server says it is stale). Throws ApiError on any non-2xx answer.
 */
export async function apiRequest<T>(
  method: string,
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const unsafe = UNSAFE.has(method);
  const send = async (): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (unsafe) headers['X-CSRF-Token'] = csrfToken ?? (await fetchCsrfToken());
    return rawFetch(method, path, opts, headers);
  };
  let res = await send();
  if (!res.ok && unsafe && res.status === 403) {
    const err = await toApiError(res.clone());
    if (err.code === 'csrf_invalid') {
      csrfToken = null;
      res = await send();
    }
  }
  if (!res.ok) throw await toApiError(res);
  const etag = res.headers.get('ETag');
  const version = etag ? etag.replace(/^W\//, '').replaceAll('"', '') : null;
  const text = res.status === 204 ? '' : await res.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  // The unparsed client takes the caller's word for the answer's type; parsedApi checks it instead.
  return { data: data as T, etag: version };
}

export const api = {
  get: async <T>(path: string, opts?: RequestOptions) => (await apiRequest<T>('GET', path, opts)).data,
  // A POST always carries a JSON body ({} when there is nothing to say): routes validate it.
  post: async <T>(path: string, body: unknown = {}, opts?: RequestOptions) =>
    (await apiRequest<T>('POST', path, { ...opts, body })).data,
  patch: async <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    (await apiRequest<T>('PATCH', path, { ...opts, body })).data,
  put: async <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    (await apiRequest<T>('PUT', path, { ...opts, body })).data,
  delete: async <T = void>(path: string, opts?: RequestOptions) =>
    (await apiRequest<T>('DELETE', path, opts)).data,
};

/**
 * The API with each answer parsed by its response schema from src/shared (the server's contract):
 * a server/web mismatch fails here, naming the field, instead of flowing on as a wrong value.
 * Each feature's api.ts builds its typed client from these.
 */
export const parsedApi = {
  request: async <S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    opts?: RequestOptions,
  ): Promise<ApiResponse<z.output<S>>> => {
    const res = await apiRequest<unknown>(method, path, opts);
    return { data: schema.parse(res.data), etag: res.etag };
  },
  get: async <S extends z.ZodType>(schema: S, path: string, opts?: RequestOptions): Promise<z.output<S>> =>
    schema.parse((await apiRequest<unknown>('GET', path, opts)).data),
  post: async <S extends z.ZodType>(
    schema: S,
    path: string,
    body: unknown = {},
    opts?: RequestOptions,
  ): Promise<z.output<S>> => schema.parse((await apiRequest<unknown>('POST', path, { ...opts, body })).data),
};

/** The most rows a picker or summary reads through {@link allPages} (the server's page is 200). */
const ALL_PAGES_MAX_ROWS = 10_000;

/**
 * Every row of a cursor-paged list (GET `path` with limit=200, then each next cursor), for pickers
 * and summaries that must offer all of an organization's rows, not the first page.
 *
 * @example
 * allPages(PeopleListSchema, '/people') // every person, sorted as the server sorts them
 */
export async function allPages<T>(
  schema: z.ZodType<{ items: T[]; nextCursor: string | null }>,
  path: string,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  const joiner = path.includes('?') ? '&' : '?';
  do {
    const page: { items: T[]; nextCursor: string | null } = await parsedApi.get(
      schema,
      `${path}${joiner}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < ALL_PAGES_MAX_ROWS);
  return items;
}

export function isApiError(err: unknown, code?: string): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}
