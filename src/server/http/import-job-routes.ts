import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportCommitSchema, ImportJobSchema } from '../../shared/import-jobs.js';
import type { Permission } from '../../shared/roles.js';
import { IdParamsSchema } from '../../shared/structure.js';
import * as imports from '../modules/imports/service.js';
import { requireOrg } from './auth-context.js';
import { uploadedFile } from './upload.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/**
 * The three routes of one kind of import job, the same for every kind: `POST <path>` (multipart
 * `file`, up to `maxBytes`) → 202 and the job; `GET <path>/:id` → the job (progress, report,
 * preview, result); `POST <path>/:id/commit` { mode } → the committed job. A job of another
 * organization or of another kind is 404.
 * @example await importJobRoutes(app, { path: '/people/imports', access: 'people.write', tags: ['people'], maxBytes: IMPORT_MAX_BYTES, spec: peopleImport })
 */
export async function importJobRoutes<F extends string, V>(
  app: ZodApp,
  route: {
    path: string;
    access: Permission;
    tags: string[];
    maxBytes: number;
    spec: imports.ImportKindSpec<F, V>;
  },
): Promise<void> {
  const db = app.db;
  const { spec, access, tags } = route;

  app.get(
    `${route.path}/:id`,
    {
      config: { access },
      schema: { tags, params: IdParamsSchema, response: { 200: ImportJobSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return imports.getImport(db, spec.kind, orgId, request.params.id);
    },
  );

  app.post(
    `${route.path}/:id/commit`,
    {
      config: { access },
      schema: { tags, params: IdParamsSchema, body: ImportCommitSchema, response: { 200: ImportJobSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return imports.commitImport(db, spec, { userId, orgId }, request.params.id, request.body.mode);
    },
  );

  // Multipart only here: the one route of the kind that takes a body above the global 1 MB limit.
  await app.register(async (upload) => {
    await upload.register(fastifyMultipart, {
      limits: { fileSize: route.maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });
    upload.post(
      route.path,
      {
        config: { access, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags, consumes: ['multipart/form-data'], response: { 202: ImportJobSchema } },
      },
      async (request, reply) => {
        const { userId, orgId } = requireOrg(request);
        const job = await imports.startImport(
          db,
          spec,
          { userId, orgId },
          await uploadedFile(request),
          request.log,
        );
        return reply.code(202).send(job);
      },
    );
  });
}
