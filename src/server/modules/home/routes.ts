import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HomeFindingsResponseSchema, HomeStepsResponseSchema } from '../../../shared/home.js';
import { requireOrg } from '../../http/auth-context.js';
import { homeFindings, homeSteps } from './service.js';

/**
 * The home page: the owner's path with each step's state (steps), and what the modules want the
 * caller to know about the organization (findings).
 */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/home/findings',
    { config: { access: 'org.read' }, schema: { response: { 200: HomeFindingsResponseSchema } } },
    async (request) => homeFindings(app.db, app.config, requireOrg(request), app.clock()),
  );
  app.get(
    '/home/steps',
    { config: { access: 'org.read' }, schema: { response: { 200: HomeStepsResponseSchema } } },
    async (request) => homeSteps(app.db, app.config, requireOrg(request), app.clock()),
  );
};
