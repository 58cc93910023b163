import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ExportQuerySchema,
  IMPORT_MAX_BYTES,
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
import { importJobRoutes } from '../../http/import-job-routes.js';
import * as imports from './imports.js';
import * as service from './service.js';

/** The people directory: read with people.read, change (and import, see importJobRoutes) with people.write. */
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

  await importJobRoutes(app, {
    path: '/people/imports',
    access: 'people.write',
    tags: ['people'],
    maxBytes: IMPORT_MAX_BYTES,
    spec: imports.peopleImport,
  });
};
