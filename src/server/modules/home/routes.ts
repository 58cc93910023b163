import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeFindingsResponseSchema } from '../../../shared/home.js';
import { requireOrg } from '../../http/auth-context.js';
import { homeFindings } from './service.js';

/** The home page's findings: what the modules want the caller to know about the organization. */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/home/findings',
    { config: { access: 'org.read' }, schema: { response: { 200: HomeFindingsResponseSchema } } },
    async (request) => homeFindings(app.db, requireOrg(request)),
  );
};
