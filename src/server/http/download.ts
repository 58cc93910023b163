import type { FastifyReply } from 'fastify';

/** A generated file (an export) as the server sends it. */
export interface Download {
  body: Buffer | string;
  fileName: string;
  contentType: string;
}

/** Sends a generated file as an attachment that no cache keeps (it holds the organization's data). */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .send(file.body);
}
