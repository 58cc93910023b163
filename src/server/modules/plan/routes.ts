import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PlanDocumentQuerySchema,
  PlanDocumentSchema,
  PlanEditionCompareQuerySchema,
  PlanEditionCompareSchema,
  PlanEditionCreateSchema,
  PlanEditionListQuerySchema,
  PlanEditionListSchema,
  PlanEditionParamsSchema,
  PlanEditionSchema,
  type PlanFormat,
  PlanPolicyQuerySchema,
  PlanPolicySchema,
  PlanPolicyUpdateSchema,
} from '../../../shared/plan.js';
import { requireOrg } from '../../http/auth-context.js';
import { type Download, sendDownload } from '../../http/download.js';
import {
  compareEditions,
  editionDocument,
  editionFile,
  getEdition,
  issueEdition,
  listEditions,
} from './editions.js';
import { getPolicy, updatePolicy } from './policy.js';
import { HTML_CSP } from './render/html.js';
import { buildPlanDocument, planFile } from './service.js';

/**
 * A plan file, the current plan's or an edition's: the print view opens in the browser, every other
 * format is saved as a file; the HTML outputs run under their own content security policy.
 */
function sendPlanFile(
  reply: FastifyReply,
  format: Exclude<PlanFormat, 'json'>,
  file: Download,
): FastifyReply {
  if (format === 'html' || format === 'offline') reply.header('content-security-policy', HTML_CSP);
  return sendDownload(reply, file, format === 'html' ? 'inline' : 'attachment');
}

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
      return sendPlanFile(reply, format, await planFile(db, orgId, format, lang));
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

  // Editions: issued by owners and admins, read by every member; never changed or deleted.
  app.post(
    '/plan/editions',
    {
      config: { access: 'inventory.write' },
      schema: { tags, body: PlanEditionCreateSchema, response: { 201: PlanEditionSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await issueEdition(db, { userId, orgId }, request.body));
    },
  );

  app.get(
    '/plan/editions',
    {
      config: { access: 'inventory.read' },
      schema: { tags, querystring: PlanEditionListQuerySchema, response: { 200: PlanEditionListSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return listEditions(db, orgId, request.query);
    },
  );

  app.get(
    '/plan/editions/compare',
    {
      config: { access: 'inventory.read' },
      schema: {
        tags,
        querystring: PlanEditionCompareQuerySchema,
        response: { 200: PlanEditionCompareSchema },
      },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      const { from, to, lang } = request.query;
      return compareEditions(db, orgId, from, to, lang);
    },
  );

  app.get(
    '/plan/editions/:number',
    {
      config: { access: 'inventory.read' },
      schema: { tags, params: PlanEditionParamsSchema, response: { 200: PlanEditionSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return getEdition(db, orgId, request.params.number);
    },
  );

  app.get(
    '/plan/editions/:number/document',
    {
      config: { access: 'inventory.read' },
      schema: { tags, params: PlanEditionParamsSchema, querystring: PlanDocumentQuerySchema },
    },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const { format, lang } = request.query;
      const n = request.params.number;
      // The same address names another organization's edition after switching: never cached by
      // the browser (the service worker keeps the latest offline copy itself).
      reply.header('cache-control', 'no-store');
      if (format === 'json') return PlanDocumentSchema.parse(await editionDocument(db, orgId, n, lang));
      return sendPlanFile(reply, format, await editionFile(db, orgId, n, format, lang));
    },
  );
};
