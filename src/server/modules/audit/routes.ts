import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AuditActorsResponseSchema,
  AuditListQuerySchema,
  AuditListResponseSchema,
  AuditVerifyResponseSchema,
} from '../../../shared/audit.js';
import { requireOrg } from '../../http/auth-context.js';
import { listActors, listAudit, verifyOrgAudit } from './service.js';

/** The audit trail of the current organization: read-only, for owners and auditors. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: 'audit.read' },
      schema: { querystring: AuditListQuerySchema, response: { 200: AuditListResponseSchema } },
    },
    async (request) => listAudit(app.db, requireOrg(request).orgId, request.query),
  );

  app.get(
    '/audit/actors',
    { config: { access: 'audit.read' }, schema: { response: { 200: AuditActorsResponseSchema } } },
    async (request) => listActors(app.db, requireOrg(request).orgId),
  );

  app.get(
    '/audit/verify',
    { config: { access: 'audit.read' }, schema: { response: { 200: AuditVerifyResponseSchema } } },
    async (request) => verifyOrgAudit(app.db, requireOrg(request).orgId),
  );
};
