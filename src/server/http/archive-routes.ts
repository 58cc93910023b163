import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Permission } from '../../shared/roles.js';
import { IdParamsSchema } from '../../shared/structure.js';
import { requireOrg } from './auth-context.js';

type ZodApp = Parameters<FastifyPluginAsyncZod>[0];

/**
 * `POST <path>/:id/archive` and `/unarchive` of a versioned register (sites, departments, people…):
 * the same access, the row answered with its version as ETag, archiving twice a no-op.
 * @example archiveRoutes(app, { path: '/sites', access: 'org.manage', tags: ['structure'], response: SiteSchema, setArchived: (actor, id, archived) => service.setSiteArchived(db, actor, id, archived) })
 */
export function archiveRoutes(
  app: ZodApp,
  route: {
    path: string;
    access: Permission;
    tags: string[];
    /** The row's schema; the service's answer is checked against it on the way out. */
    response: z.ZodType;
    setArchived: (
      actor: { userId: string; orgId: string },
      id: string,
      archived: boolean,
    ) => Promise<unknown>;
  },
): void {
  for (const archived of [true, false]) {
    app.post(
      `${route.path}/:id/${archived ? 'archive' : 'unarchive'}`,
      {
        config: { access: route.access, etag: true },
        schema: { tags: route.tags, params: IdParamsSchema, response: { 200: route.response } },
      },
      async (request) => {
        const { userId, orgId } = requireOrg(request);
        return route.setArchived({ userId, orgId }, request.params.id, archived);
      },
    );
  }
}
