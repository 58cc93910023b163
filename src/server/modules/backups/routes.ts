import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BackupRunSchema, BackupStatusSchema } from '../../../shared/backups.js';
import { requireOrg } from '../../http/auth-context.js';
import { backupNow, backupStatus } from './service.js';

/**
 * keizoku's own backups, for owners and admins: last backup, last verified restore, where the
 * copies are, and what needs attention. Backups run on the schedule, from the CLI, or now
 * (POST: the same routine as the scheduled run; 409 backup_in_progress while one is running).
 */
export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/backups',
    { config: { access: 'backups.read' }, schema: { response: { 200: BackupStatusSchema } } },
    async () => backupStatus(app.db, app.config),
  );

  app.post(
    '/backups',
    { config: { access: 'backups.run' }, schema: { response: { 201: BackupRunSchema } } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      const run = await backupNow(app.db, app.config, { userId, orgId });
      return reply.code(201).send(run);
    },
  );
};
