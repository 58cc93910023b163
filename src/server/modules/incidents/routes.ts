import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BoardSchema,
  ChronologyQuerySchema,
  CsvQuerySchema,
  DecisionCreateSchema,
  DecisionSchema,
  DrillStartSchema,
  EntryCreateSchema,
  EntryHandlingSchema,
  EntryListSchema,
  EntrySchema,
  HqTaskSchema,
  IncidentCloseSchema,
  IncidentCreateSchema,
  IncidentListQuerySchema,
  IncidentListSchema,
  IncidentParamsSchema,
  IncidentSchema,
  RosterAddSchema,
  RosterUpdateSchema,
  TaskCreateSchema,
  TaskUpdateSchema,
  TrackerAddSchema,
  TrackerSchema,
  TrackerUpdateSchema,
} from '../../../shared/incidents.js';
import { SituationQuerySchema, SituationReportSchema } from '../../../shared/situation.js';
import { requireOrg } from '../../http/auth-context.js';
import { sendDownload } from '../../http/download.js';
import { AppError } from '../../http/problem.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import { IncidentEventStreams, startingSeq } from './events.js';
import { chronologyCsv } from './export.js';
import * as service from './service.js';
import { chronologyPdf, situationPdf, situationReport } from './situation.js';

/**
 * The incident headquarters: read by every member (incidents.read), written by owners, admins and
 * HQ members (incidents.write). GET /incidents/events is the live stream of the organization's
 * incident events (Server-Sent Events, replayed after Last-Event-ID).
 */
export const incidentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const bus = eventBusFor(db, app.log);
  const hq = { db, bus };
  const live = new IncidentEventStreams(db, bus);
  // Open streams end when the app closes (a stream never ends by itself).
  const streams = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });
  const tags = ['incidents'];
  const read = { access: 'incidents.read' } as const;
  const write = { access: 'incidents.write' } as const;
  const params = IncidentParamsSchema;
  const actorOf = (request: Parameters<typeof requireOrg>[0]) => {
    const { userId, orgId } = requireOrg(request);
    return { userId, orgId };
  };

  app.get(
    '/incidents',
    {
      config: read,
      schema: { tags, querystring: IncidentListQuerySchema, response: { 200: IncidentListSchema } },
    },
    async (request) => service.listIncidents(db.kysely, requireOrg(request).orgId, request.query.mode),
  );

  app.post(
    '/incidents',
    {
      config: { ...write, etag: true },
      schema: { tags, body: IncidentCreateSchema, response: { 201: IncidentSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await service.declareIncident(hq, actorOf(request), request.body)),
  );

  app.post(
    '/incidents/drill',
    {
      config: { ...write, etag: true },
      schema: { tags, body: DrillStartSchema, response: { 201: IncidentSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await service.startDrill(hq, actorOf(request), request.body)),
  );

  // The live stream. An EventSource asks for text/event-stream; anything else is refused at once
  // (so a plain request never hangs on an endless answer).
  app.get(
    '/incidents/events',
    {
      config: read,
      schema: {
        tags,
        querystring: z.strictObject({
          lastEventId: z
            .string()
            .regex(/^\d{1,15}$/)
            .optional(),
        }),
      },
    },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      if (!String(request.headers.accept ?? '').includes('text/event-stream'))
        throw new AppError(406, 'bad_request');
      const last = await startingSeq(
        db,
        orgId,
        request.headers['last-event-id'] ?? request.query.lastEventId,
      );
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      streams.add(raw);
      const closed = new Promise<void>((resolve) => raw.on('close', () => resolve()));
      await live.stream(orgId, last, { out: raw, closed });
      streams.delete(raw);
    },
  );

  app.get(
    '/incidents/:id',
    { config: { ...read, etag: true }, schema: { tags, params, response: { 200: IncidentSchema } } },
    async (request) => service.getIncident(db.kysely, requireOrg(request).orgId, request.params.id),
  );

  app.post(
    '/incidents/:id/close',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: { tags, params, body: IncidentCloseSchema, response: { 200: IncidentSchema } },
    },
    async (request) =>
      service.closeIncident(hq, actorOf(request), request.params.id, request.ifMatch, request.body),
  );

  // --- roster
  app.post(
    '/incidents/:id/roster',
    {
      config: { ...write, etag: true },
      schema: { tags, params, body: RosterAddSchema, response: { 201: IncidentSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addToRoster(hq, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/incidents/roster/:id',
    {
      config: { ...write, ifMatch: true },
      schema: { tags, params, body: RosterUpdateSchema, response: { 200: IncidentSchema } },
    },
    async (request) =>
      service.updateRoster(hq, actorOf(request), request.params.id, request.ifMatch, request.body),
  );

  // --- chronology
  app.get(
    '/incidents/:id/chronology',
    {
      config: read,
      schema: { tags, params, querystring: ChronologyQuerySchema, response: { 200: EntryListSchema } },
    },
    async (request) =>
      service.listEntries(db.kysely, requireOrg(request).orgId, request.params.id, request.query),
  );

  app.get(
    '/incidents/:id/chronology.csv',
    { config: read, schema: { tags, params, querystring: CsvQuerySchema } },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const file = await chronologyCsv(db, orgId, request.params.id, request.query.lang ?? 'ja');
      return sendDownload(reply, { ...file, contentType: 'text/csv; charset=utf-8' });
    },
  );

  // --- situation report and the chronology as PDF (the reader's language and time zone)
  app.get(
    '/incidents/:id/chronology.pdf',
    { config: read, schema: { tags, params, querystring: CsvQuerySchema } },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const file = await chronologyPdf(db, orgId, request.params.id, request.query.lang ?? 'ja');
      return sendDownload(reply, { ...file, contentType: 'application/pdf' });
    },
  );

  app.get(
    '/incidents/:id/situation',
    {
      config: read,
      schema: { tags, params, querystring: SituationQuerySchema, response: { 200: SituationReportSchema } },
    },
    async (request) => situationReport(db, requireOrg(request).orgId, request.params.id, request.query.lang),
  );

  app.get(
    '/incidents/:id/situation.pdf',
    { config: read, schema: { tags, params, querystring: SituationQuerySchema } },
    async (request, reply) => {
      const { orgId } = requireOrg(request);
      const file = await situationPdf(db, orgId, request.params.id, request.query.lang);
      return sendDownload(reply, { ...file, contentType: 'application/pdf' });
    },
  );

  app.post(
    '/incidents/:id/chronology',
    {
      config: { ...write, etag: true },
      schema: { tags, params, body: EntryCreateSchema, response: { 201: EntrySchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await service.addEntry(hq, actorOf(request), request.params.id, request.body)),
  );

  app.put(
    '/incidents/chronology/:id/handling',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: { tags, params, body: EntryHandlingSchema, response: { 200: EntrySchema } },
    },
    async (request) =>
      service.setHandling(hq, actorOf(request), request.params.id, request.ifMatch, request.body.handling),
  );

  // --- tasks and decisions
  app.get(
    '/incidents/:id/board',
    { config: read, schema: { tags, params, response: { 200: BoardSchema } } },
    async (request) => service.board(db.kysely, requireOrg(request).orgId, request.params.id),
  );

  app.post(
    '/incidents/:id/tasks',
    {
      config: { ...write, etag: true },
      schema: { tags, params, body: TaskCreateSchema, response: { 201: HqTaskSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createTask(hq, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/incidents/tasks/:id',
    {
      config: { ...write, etag: true, ifMatch: true },
      schema: { tags, params, body: TaskUpdateSchema, response: { 200: HqTaskSchema } },
    },
    async (request) =>
      service.updateTask(hq, actorOf(request), request.params.id, request.ifMatch, request.body),
  );

  app.post(
    '/incidents/:id/decisions',
    {
      config: { ...write, etag: true },
      schema: { tags, params, body: DecisionCreateSchema, response: { 201: DecisionSchema } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createDecision(hq, actorOf(request), request.params.id, request.body)),
  );

  // --- IT recovery tracker
  app.get(
    '/incidents/:id/tracker',
    { config: read, schema: { tags, params, response: { 200: TrackerSchema } } },
    async (request) => service.tracker(db, requireOrg(request).orgId, request.params.id, app.clock()),
  );

  app.post(
    '/incidents/:id/tracker',
    { config: write, schema: { tags, params, body: TrackerAddSchema, response: { 201: TrackerSchema } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addTrackedSystem(hq, actorOf(request), request.params.id, request.body.systemId)),
  );

  app.patch(
    '/incidents/tracker/:id',
    {
      config: { ...write, ifMatch: true },
      schema: { tags, params, body: TrackerUpdateSchema, response: { 200: TrackerSchema } },
    },
    async (request) =>
      service.updateTrackedSystem(hq, actorOf(request), request.params.id, request.ifMatch, request.body),
  );

  app.delete(
    '/incidents/tracker/:id',
    { config: write, schema: { tags, params, response: { 200: TrackerSchema } } },
    async (request) => service.removeTrackedSystem(hq, actorOf(request), request.params.id),
  );
};
