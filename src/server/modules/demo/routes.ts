import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/problem.js';
import { createSession, setSessionCookie } from '../../security/sessions.js';
import { DemoAlreadyLoadedError, hasNoUsers, loadDemo } from './service.js';

const DemoSetupResponseSchema = z.object({ email: z.string() });
/** The demo takes no options: `{}`, or no body at all (`curl -X POST …/setup/demo`). */
const DemoSetupRequestSchema = z.strictObject({}).nullish();

/** First-run choice "try the demo": only on an installation with no user yet. */
export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  // A JSON content type with nothing after it means "no options" here, like a missing body; anything
  // else goes to the usual JSON parser (malformed JSON stays malformed_json). Scoped to this plugin.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text === '') done(null, null);
    else parseJson(request, text, done);
  });

  app.post(
    '/setup/demo',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { body: DemoSetupRequestSchema, response: { 200: DemoSetupResponseSchema } },
    },
    async (_request, reply) => {
      if (!(await hasNoUsers(app.db))) throw new AppError(409, 'setup_already_done');
      let result: Awaited<ReturnType<typeof loadDemo>>;
      try {
        result = await loadDemo(app.db, { onlyIfNoUsers: true });
      } catch (err) {
        if (err instanceof DemoAlreadyLoadedError) throw new AppError(409, 'setup_already_done');
        throw err;
      }
      // The caller becomes the demo owner, as after a login (the demo has no second factor).
      const token = await createSession(app.db, result.ownerUserId, { verified: true, orgId: result.orgId });
      setSessionCookie(reply, token, app.config.secureCookies);
      return { email: result.owner.email };
    },
  );
};
