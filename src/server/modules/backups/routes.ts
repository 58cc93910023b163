import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BackupStatusSchema } from '../../../shared/backups.js';
import { backupStatus } from './service.js';

/**
 * keizoku's own backups, for owners and admins: last backup, last verified restore, where the
 * copies are, and what needs attention. Read-only; backups run on the schedule or from the CLI.
 */
export const backupRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/backups',
    { config: { access: 'backups.read' }, schema: { response: { 200: BackupStatusSchema } } },
    async () => backupStatus(app.db, app.config),
  );
};
