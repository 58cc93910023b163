import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PlanDocumentQuerySchema,
  PlanDocumentSchema,
  PlanPolicyQuerySchema,
  PlanPolicySchema,
  PlanPolicyUpdateSchema,
} from '../../../shared/plan.js';
import { requireOrg } from '../../http/auth-context.js';
import { getPolicy, updatePolicy } from './policy.js';
import { HTML_CSP } from './render/html.js';
import { buildPlanDocument, planFile } from './service.js';

/**
 * The IT-BCP document: read by every member who may read the inventory (inventory.read), the
 * policy changed by owners and admins (inventory.write).
 */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['plan'];

  app.get(
    '/plan/document',
    { config: { access: 'inventory.read' }, schema: { tags, querystring: PlanDocumentQuerySchema } },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const { format, lang } = request.query;
      reply.header('cache-control', 'no-store');
      if (format === 'json') return PlanDocumentSchema.parse(await buildPlanDocument(db, orgId, lang));
      const file = await planFile(db, orgId, format, lang);
      if (format === 'html' || format === 'offline') reply.header('content-security-policy', HTML_CSP);
      // The print view opens in the browser; every other format is saved as a file.
      const disposition = format === 'html' ? 'inline' : 'attachment';
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `${disposition}; filename="${file.fileName}"`)
        .send(file.body);
    },
  );

  app.get(
    '/plan/policy',
    {
      config: { access: 'inventory.read', etag: true },
      schema: { tags, querystring: PlanPolicyQuerySchema, response: { 200: PlanPolicySchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return getPolicy(db, orgId, request.query.lang);
    },
  );

  app.put(
    '/plan/policy',
    {
      config: { access: 'inventory.write', etag: true, ifMatch: true },
      schema: {
        tags,
        querystring: PlanPolicyQuerySchema,
        body: PlanPolicyUpdateSchema,
        response: { 200: PlanPolicySchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return updatePolicy(db, { userId, orgId }, request.ifMatch, request.body, request.query.lang);
    },
  );
};
