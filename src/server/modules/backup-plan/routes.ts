import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BackupPlanInputSchema,
  BackupPlanOverviewSchema,
  BackupPlanSchema,
} from '../../../shared/backup-plan.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { requireOrg } from '../../http/auth-context.js';
import * as service from './service.js';

/** Backup plans per system or data set, with the 3-2-1 and correlated-failure verdict of each. */
export const backupPlanRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['backup-plan'];

  app.get(
    '/backup-plans',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: BackupPlanOverviewSchema } } },
    async (request) => service.overview(db, requireOrg(request).orgId),
  );

  app.get(
    '/backup-plans/:id',
    {
      config: { access: 'inventory.read', etag: true },
      schema: { tags, params: IdParamsSchema, response: { 200: BackupPlanSchema } },
    },
    async (request) => service.get(db, requireOrg(request).orgId, request.params.id),
  );

  app.post(
    '/backup-plans',
    {
      config: { access: 'inventory.write', etag: true },
      schema: { tags, body: BackupPlanInputSchema, response: { 201: BackupPlanSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.create(db, { userId, orgId }, request.body));
    },
  );

  app.put(
    '/backup-plans/:id',
    {
      config: { access: 'inventory.write', etag: true, ifMatch: true },
      schema: {
        tags,
        params: IdParamsSchema,
        body: BackupPlanInputSchema,
        response: { 200: BackupPlanSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.update(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.delete(
    '/backup-plans/:id',
    { config: { access: 'inventory.write' }, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.remove(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );
};
