import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ChecklistItemParamsSchema,
  ChecklistItemStateSchema,
  ChecklistSchema,
  ChecklistUpdateSchema,
  DiagnosisAnswerSchema,
  DiagnosisResultListSchema,
  DiagnosisResultSchema,
  QuestionnaireSchema,
  TaskCreatedSchema,
  TaskCreateSchema,
  TaskListQuerySchema,
  TaskListSchema,
  TaskSchema,
  TaskUpdateSchema,
} from '../../../shared/diagnosis.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { requireOrg } from '../../http/auth-context.js';
import * as service from './service.js';

/** Tier diagnosis (松竹梅) with history, tasks from recommended measures, the management checklist. */
export const diagnosisRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['diagnosis'];

  app.get(
    '/diagnosis/questionnaire',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: QuestionnaireSchema } } },
    async () => service.questionnaire(),
  );

  app.get('/diagnosis/measures', { config: { access: 'inventory.read' }, schema: { tags } }, async () =>
    service.measuresByTier(),
  );

  app.post(
    '/diagnosis/results',
    {
      config: { access: 'inventory.write' },
      schema: { tags, body: DiagnosisAnswerSchema, response: { 201: DiagnosisResultSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.diagnose(db, { userId, orgId }, request.body.answers));
    },
  );

  app.get(
    '/diagnosis/results',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: DiagnosisResultListSchema } } },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.history(db, orgId);
    },
  );

  app.post(
    '/diagnosis/tasks',
    {
      config: { access: 'inventory.write' },
      schema: { tags, body: TaskCreateSchema, response: { 201: TaskCreatedSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.createTasks(db, { userId, orgId }, request.body));
    },
  );

  app.get(
    '/diagnosis/tasks',
    {
      config: { access: 'inventory.read' },
      schema: { tags, querystring: TaskListQuerySchema, response: { 200: TaskListSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.listTasks(db, orgId, request.query);
    },
  );

  app.patch(
    '/diagnosis/tasks/:id',
    {
      config: { access: 'inventory.write', etag: true, ifMatch: true },
      schema: { tags, params: IdParamsSchema, body: TaskUpdateSchema, response: { 200: TaskSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const task = await service.updateTask(db, { userId, orgId }, request.params.id, version, request.body);
      return task;
    },
  );

  app.get(
    '/diagnosis/checklist',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: ChecklistSchema } } },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.checklist(db.kysely, orgId);
    },
  );

  app.put(
    '/diagnosis/checklist/:itemId',
    {
      config: { access: 'inventory.write', etag: true, ifMatch: true },
      schema: {
        tags,
        params: ChecklistItemParamsSchema,
        body: ChecklistUpdateSchema,
        response: { 200: ChecklistItemStateSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const item = await service.setChecklistItem(
        db,
        { userId, orgId },
        request.params.itemId,
        version,
        request.body,
      );
      return item;
    },
  );
};
