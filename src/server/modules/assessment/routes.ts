import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActionPlanSchema,
  ActionUpdateSchema,
  AnswerUpdateSchema,
  AssessmentActionSchema,
  AssessmentCreateSchema,
  AssessmentItemSchema,
  AssessmentListSchema,
  AssessmentResultsSchema,
  AssessmentSchema,
  AssessmentUpdateSchema,
  AssetCreateSchema,
  AssetListSchema,
  AssetSchema,
  AssetUpdateSchema,
  ChecklistCatalogSchema,
  FileQuerySchema,
  ImportResultSchema,
  ResultsQuerySchema,
} from '../../../shared/assessment.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { XLSX_TYPE } from '../../files/xlsx.js';
import { requireOrg } from '../../http/auth-context.js';
import { sendDownload } from '../../http/download.js';
import { uploadedFile } from '../../http/upload.js';
import { exportFileName } from '../orgs/service.js';
import * as service from './service.js';

/**
 * The security self-assessment (PRODUCT module 9): checklists, assessments, per-item answers (each
 * with its own version), the action plan, results and the information-asset register.
 */
export const assessmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['assessment'];
  const read = { access: 'inventory.read' } as const;
  const write = { access: 'inventory.write' } as const;

  app.get(
    '/assessment/checklists',
    { config: read, schema: { tags, response: { 200: ChecklistCatalogSchema } } },
    async () => service.catalog(),
  );

  app.get(
    '/assessments',
    { config: read, schema: { tags, response: { 200: AssessmentListSchema } } },
    async (request) => service.list(db, requireOrg(request).orgId),
  );

  app.post(
    '/assessments',
    {
      config: { ...write, etag: true },
      schema: { tags, body: AssessmentCreateSchema, response: { 201: AssessmentSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.create(db, { userId, orgId }, request.body));
    },
  );

  app.get(
    '/assessments/:id',
    {
      config: { ...read, etag: true },
      schema: { tags, params: IdParamsSchema, response: { 200: AssessmentSchema } },
    },
    async (request) => service.get(db, requireOrg(request).orgId, request.params.id),
  );

  app.patch(
    '/assessments/:id',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: {
        tags,
        params: IdParamsSchema,
        body: AssessmentUpdateSchema,
        response: { 200: AssessmentSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.update(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.delete(
    '/assessments/:id',
    { config: write, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.remove(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );

  app.patch(
    '/assessment-answers/:id',
    {
      config: { ...write, ifMatch: true },
      schema: {
        tags,
        params: IdParamsSchema,
        body: AnswerUpdateSchema,
        response: { 200: AssessmentItemSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.updateAnswer(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.get(
    '/assessments/:id/results',
    {
      config: read,
      schema: {
        tags,
        params: IdParamsSchema,
        querystring: ResultsQuerySchema,
        response: { 200: AssessmentResultsSchema },
      },
    },
    async (request) => service.results(db, requireOrg(request).orgId, request.params.id, request.query.with),
  );

  app.get(
    '/assessments/:id/actions',
    { config: read, schema: { tags, params: IdParamsSchema, response: { 200: ActionPlanSchema } } },
    async (request) => service.actionPlan(db, requireOrg(request).orgId, request.params.id),
  );

  app.patch(
    '/assessment-actions/:id',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: {
        tags,
        params: IdParamsSchema,
        body: ActionUpdateSchema,
        response: { 200: AssessmentActionSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.updateAction(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.get(
    '/assessments/:id/assets',
    { config: read, schema: { tags, params: IdParamsSchema, response: { 200: AssetListSchema } } },
    async (request) => service.assets(db, requireOrg(request).orgId, request.params.id),
  );

  app.post(
    '/assessments/:id/assets',
    {
      config: { ...write, etag: true },
      schema: { tags, params: IdParamsSchema, body: AssetCreateSchema, response: { 201: AssetSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply
        .code(201)
        .send(await service.createAsset(db, { userId, orgId }, request.params.id, request.body));
    },
  );

  app.patch(
    '/assessment-assets/:id',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: { tags, params: IdParamsSchema, body: AssetUpdateSchema, response: { 200: AssetSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.updateAsset(db, { userId, orgId }, request.params.id, request.ifMatch, request.body);
    },
  );

  app.delete(
    '/assessment-assets/:id',
    { config: write, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.removeAsset(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/assessments/:id/sheet.xlsx',
    { config: read, schema: { tags, params: IdParamsSchema, querystring: FileQuerySchema } },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const body = await service.exportXlsx(db, orgId, request.params.id, request.query.lang);
      const fileName = await exportFileName(db, orgId, 'security-assessment', 'xlsx');
      return sendDownload(reply, { body, fileName, contentType: XLSX_TYPE });
    },
  );

  app.get(
    '/assessments/:id/report.pdf',
    { config: read, schema: { tags, params: IdParamsSchema, querystring: FileQuerySchema } },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const body = await service.reportPdf(db, orgId, request.params.id, request.query.lang);
      const fileName = await exportFileName(db, orgId, 'security-assessment', 'pdf');
      return sendDownload(reply, { body, fileName, contentType: 'application/pdf' });
    },
  );

  // Multipart only here: a filled sheet may be above the global 1 MB body limit.
  await app.register(async (upload) => {
    await upload.register(fastifyMultipart, {
      limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5, parts: 6, fieldSize: 1024 },
      throwFileSizeLimit: true,
    });
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/assessments/:id/import',
      {
        config: { ...write, rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          params: IdParamsSchema,
          consumes: ['multipart/form-data'],
          response: { 200: ImportResultSchema },
        },
      },
      async (request) => {
        const { userId, orgId } = requireOrg(request);
        const { buffer, fileName } = await uploadedFile(request);
        return service.importXlsx(db, { userId, orgId }, request.params.id, buffer, fileName);
      },
    );
  });
};
