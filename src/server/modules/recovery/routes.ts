import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContactCreateSchema,
  ContactListSchema,
  ContactSchema,
  ContactUpdateSchema,
  IncidentListSchema,
  IncidentParamsSchema,
  IncidentSchema,
  IncidentUpdateSchema,
  ProcedureCreateSchema,
  ProcedureSchema,
  ProcedureUpdateSchema,
  RecoveryContentSchema,
  RecoveryOverviewSchema,
} from '../../../shared/recovery.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { requireOrg } from '../../http/auth-context.js';
import * as service from './service.js';

/** The recovery plan: overview (order and feasibility), procedures, incidents, owners and contacts. */
export const recoveryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['recovery'];
  const read = { access: 'inventory.read' } as const;
  const write = { access: 'inventory.write' } as const;

  app.get(
    '/recovery/content',
    { config: read, schema: { tags, response: { 200: RecoveryContentSchema } } },
    async () => service.content(),
  );

  app.get(
    '/recovery',
    { config: read, schema: { tags, response: { 200: RecoveryOverviewSchema } } },
    async (request) => service.overview(db, requireOrg(request).orgId),
  );

  // --- procedures
  app.post(
    '/recovery/procedures',
    {
      config: { ...write, etag: true },
      schema: { tags, body: ProcedureCreateSchema, response: { 201: ProcedureSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.createProcedure(db, { userId, orgId }, request.body));
    },
  );

  app.get(
    '/recovery/procedures/:id',
    {
      config: { ...read, etag: true },
      schema: { tags, params: IdParamsSchema, response: { 200: ProcedureSchema } },
    },
    async (request) => service.getProcedure(db, requireOrg(request).orgId, request.params.id),
  );

  app.put(
    '/recovery/procedures/:id',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: {
        tags,
        params: IdParamsSchema,
        body: ProcedureUpdateSchema,
        response: { 200: ProcedureSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.updateProcedure(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.delete(
    '/recovery/procedures/:id',
    { config: write, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.removeProcedure(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );

  // --- incidents
  app.get(
    '/recovery/incidents',
    { config: read, schema: { tags, response: { 200: IncidentListSchema } } },
    async (request) => service.listIncidents(db.kysely, requireOrg(request).orgId),
  );

  app.put(
    '/recovery/incidents/:incident',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: {
        tags,
        params: IncidentParamsSchema,
        body: IncidentUpdateSchema,
        response: { 200: IncidentSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.updateIncident(
        db,
        { userId, orgId },
        request.params.incident,
        request.ifMatch,
        request.body,
      );
    },
  );

  // --- owners and contacts
  app.get(
    '/recovery/contacts',
    { config: read, schema: { tags, response: { 200: ContactListSchema } } },
    async (request) => service.listContacts(db.kysely, requireOrg(request).orgId),
  );

  app.post(
    '/recovery/contacts',
    {
      config: { ...write, etag: true },
      schema: { tags, body: ContactCreateSchema, response: { 201: ContactSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.createContact(db, { userId, orgId }, request.body));
    },
  );

  app.get(
    '/recovery/contacts/:id',
    {
      config: { ...read, etag: true },
      schema: { tags, params: IdParamsSchema, response: { 200: ContactSchema } },
    },
    async (request) => service.getContact(db.kysely, requireOrg(request).orgId, request.params.id),
  );

  app.patch(
    '/recovery/contacts/:id',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: { tags, params: IdParamsSchema, body: ContactUpdateSchema, response: { 200: ContactSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.updateContact(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.delete(
    '/recovery/contacts/:id',
    { config: write, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.removeContact(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );
};
