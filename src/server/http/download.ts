import type { FastifyReply } from 'fastify';

/** A generated file (an export) as the server sends it. */
export interface Download {
  body: Buffer | string;
  fileName: string;
  contentType: string;
}

/**
 * Sends a generated file that no cache keeps (it holds the organization's data): saved as a file,
 * or `inline` for a page the browser shows (the plan's print view).
 */
export function sendDownload(
  reply: FastifyReply,
  file: Download,
  disposition: 'attachment' | 'inline' = 'attachment',
): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${disposition}; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}
