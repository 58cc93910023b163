import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GlossaryResponseSchema } from '../../../shared/glossary.js';
import { glossary } from './service.js';

/** The glossary the web app explains its terms with (the same for every organization). */
export const glossaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/glossary',
    {
      config: { access: 'session' },
      schema: { tags: ['glossary'], response: { 200: GlossaryResponseSchema } },
    },
    async () => glossary(),
  );
};
