import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ExportQuerySchema,
  IMPORT_MAX_BYTES,
  ImportCommitSchema,
  ImportJobSchema,
  PeopleListQuerySchema,
  PeopleListSchema,
  PersonCreateSchema,
  PersonSchema,
  PersonUpdateSchema,
} from '../../../shared/people.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { archiveRoutes } from '../../http/archive-routes.js';
import { requireOrg } from '../../http/auth-context.js';
import { sendDownload } from '../../http/download.js';
import { AppError } from '../../http/problem.js';
import * as imports from './imports.js';
import * as service from './service.js';

/** The people directory: read with people.read, change (and import) with people.write. */
export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/people',
    {
      config: { access: 'people.read' },
      schema: { tags: ['people'], querystring: PeopleListQuerySchema, response: { 200: PeopleListSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.listPeople(db, orgId, request.query);
    },
  );

  app.get(
    '/people/export',
    {
      config: { access: 'people.read' },
      schema: { tags: ['people'], querystring: ExportQuerySchema },
    },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const { format, lang, includeArchived } = request.query;
      const file = await imports.exportPeople(db, orgId, format, lang, includeArchived === 'true');
      return sendDownload(reply, file);
    },
  );

  app.get(
    '/people/:id',
    {
      config: { access: 'people.read', etag: true },
      schema: { tags: ['people'], params: IdParamsSchema, response: { 200: PersonSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return await service.getPerson(db, orgId, request.params.id);
    },
  );

  app.post(
    '/people',
    {
      config: { access: 'people.write', etag: true },
      schema: { tags: ['people'], body: PersonCreateSchema, response: { 201: PersonSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.createPerson(db, { userId, orgId }, request.body));
    },
  );

  app.patch(
    '/people/:id',
    {
      config: { access: 'people.write', etag: true, ifMatch: true },
      schema: {
        tags: ['people'],
        params: IdParamsSchema,
        body: PersonUpdateSchema,
        response: { 200: PersonSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const person = await service.updatePerson(
        db,
        { userId, orgId },
        request.params.id,
        version,
        request.body,
      );
      return person;
    },
  );

  archiveRoutes(app, {
    path: '/people',
    access: 'people.write',
    tags: ['people'],
    response: PersonSchema,
    setArchived: (actor, id, archived) => service.setPersonArchived(db, actor, id, archived),
  });

  app.get(
    '/people/imports/:id',
    {
      config: { access: 'people.write' },
      schema: { tags: ['people'], params: IdParamsSchema, response: { 200: ImportJobSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return imports.getImport(db, orgId, request.params.id);
    },
  );

  app.post(
    '/people/imports/:id/commit',
    {
      config: { access: 'people.write' },
      schema: {
        tags: ['people'],
        params: IdParamsSchema,
        body: ImportCommitSchema,
        response: { 200: ImportJobSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return imports.commitImport(db, { userId, orgId }, request.params.id, request.body.mode);
    },
  );

  // Multipart only here: the one route that takes a body above the global 1 MB limit.
  await app.register(async (upload) => {
    await upload.register(fastifyMultipart, {
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });
    upload.post(
      '/people/imports',
      {
        config: { access: 'people.write', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: { tags: ['people'], consumes: ['multipart/form-data'], response: { 202: ImportJobSchema } },
      },
      async (request, reply) => {
        const { userId, orgId } = requireOrg(request);
        if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
        const file = await request.file();
        if (!file)
          throw new AppError(400, 'validation_failed', undefined, [{ path: ['file'], code: 'required' }]);
        const buffer = await file.toBuffer();
        const job = await imports.startImport(
          db,
          { userId, orgId },
          { buffer, fileName: file.filename ?? '' },
          request.log,
        );
        return reply.code(202).send(job);
      },
    );
  });
};
