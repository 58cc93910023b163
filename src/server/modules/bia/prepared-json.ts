import { createHash, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';

/**
 * A large JSON answer made once and sent many times: checked against its response schema (as the
 * route serializer would), serialized, gzip-compressed once, and tagged. Compressing 9 MB on every
 * request, as @fastify/compress would, costs more than the whole warm request may take. The HTTP
 * edge sends it (`sendPreparedJson` in src/server/http/prepared-json.ts, with its tag as the ETag).
 */
export interface PreparedJson {
  /** The entity tag (unquoted): equal tags mean equal content. */
  tag: string;
  json: Buffer;
  gzip: Buffer;
}

const gzipAsync = promisify(gzip);

// Another process (new code, new content files) may present the same data differently.
const PROCESS_TAG = randomBytes(9).toString('base64url');

/**
 * @param identity what the content is a function of, e.g. `bia:<org id>:<revision>`; the tag is
 *   derived from it (and this process), so equal identities must mean equal content.
 */
export async function prepareJson<S extends z.ZodType>(
  schema: S,
  value: z.output<S>,
  identity: string,
): Promise<PreparedJson> {
  const json = Buffer.from(JSON.stringify(schema.encode(value)));
  const digest = createHash('sha256').update(`${PROCESS_TAG}\n${identity}`).digest('base64url');
  return { tag: digest.slice(0, 32), json, gzip: await gzipAsync(json) };
}
