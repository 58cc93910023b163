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
    .header('content-disposition', contentDisposition(disposition, file.fileName))
    .header('cache-control', 'no-store')
    .send(file.body);
}

/**
 * The Content-Disposition of a file name (RFC 6266): a plain ASCII name as it is; a Japanese one
 * (状況報告-….pdf) as UTF-8 in `filename*`, after an ASCII stand-in for clients that read only
 * `filename` (a header cannot carry the raw characters).
 */
function contentDisposition(disposition: 'attachment' | 'inline', fileName: string): string {
  const plain = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  if (plain === fileName) return `${disposition}; filename="${fileName}"`;
  return `${disposition}; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
