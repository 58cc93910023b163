import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DamageEstimateCreateSchema,
  DamageEstimateListSchema,
  DamageEstimateSchema,
  DamageEstimateUpdateSchema,
  DamageListQuerySchema,
  DamagePresetsSchema,
} from '../../../shared/damage.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { requireOrg } from '../../http/auth-context.js';
import * as service from './service.js';

/** Damage estimates: whole yen per category, total and share of annual sales computed by the domain. */
export const damageRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['damage'];

  app.get(
    '/damage/presets',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: DamagePresetsSchema } } },
    async () => service.presets(),
  );

  app.get(
    '/damage/estimates',
    {
      config: { access: 'inventory.read' },
      schema: { tags, querystring: DamageListQuerySchema, response: { 200: DamageEstimateListSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.list(db, orgId, request.query);
    },
  );

  app.get(
    '/damage/estimates/:id',
    {
      config: { access: 'inventory.read', etag: true },
      schema: { tags, params: IdParamsSchema, response: { 200: DamageEstimateSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      const e = await service.get(db, orgId, request.params.id);
      return e;
    },
  );

  app.post(
    '/damage/estimates',
    {
      config: { access: 'inventory.write', etag: true },
      schema: { tags, body: DamageEstimateCreateSchema, response: { 201: DamageEstimateSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      const e = await service.create(db, { userId, orgId }, request.body);
      return reply.code(201).send(e);
    },
  );

  app.patch(
    '/damage/estimates/:id',
    {
      config: { access: 'inventory.write', etag: true, ifMatch: true },
      schema: {
        tags,
        params: IdParamsSchema,
        body: DamageEstimateUpdateSchema,
        response: { 200: DamageEstimateSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const e = await service.update(db, { userId, orgId }, request.params.id, version, request.body);
      return e;
    },
  );

  app.delete(
    '/damage/estimates/:id',
    { config: { access: 'inventory.write' }, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.remove(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );
};
