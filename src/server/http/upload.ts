import type { FastifyRequest } from 'fastify';
import { AppError } from './problem.js';

/**
 * The file of a multipart upload (its `file` field), read whole: 415 when the request is not
 * multipart, a `required` field error on `file` when it holds no file. The size limit is the
 * route's (@fastify/multipart `throwFileSizeLimit`).
 */
export async function uploadedFile(request: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  const file = await request.file();
  if (!file) throw new AppError(400, 'validation_failed', undefined, [{ path: ['file'], code: 'required' }]);
  return { buffer: await file.toBuffer(), fileName: file.filename ?? '' };
}
