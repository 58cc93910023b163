import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  // The CSRF token the web app sends back in X-CSRF-Token on every unsafe request.
  app.get(
    '/auth/csrf',
    { config: { access: 'public' }, schema: { response: { 200: z.object({ token: z.string() }) } } },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );
};
