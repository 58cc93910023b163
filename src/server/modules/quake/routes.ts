import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_JMA_XML_BYTES } from '../../../domain/jma-quake.js';
import { IncidentParamsSchema } from '../../../shared/incidents.js';
import {
  QuakeEventListSchema,
  QuakeEventQuerySchema,
  QuakeEventSchema,
  QuakePushResultSchema,
  QuakeSettingsSchema,
  QuakeSettingsUpdateSchema,
  QuakeTokenSchema,
} from '../../../shared/quake.js';
import { requireOrg } from '../../http/auth-context.js';
import { AppError } from '../../http/problem.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import * as service from './service.js';

/** The header a sender puts the organization's push token in. */
export const QUAKE_TOKEN_HEADER = 'x-keizoku-quake-token';

/**
 * The earthquake trigger: its settings (org.manage), the earthquakes it acted on and the HQ's
 * confirmation (incidents.read / incidents.write), and the push endpoint a relay of the agency's
 * XML posts to (public, authenticated by the organization's token header, no cookie, no CSRF,
 * size-limited and rate-limited).
 */
export const quakeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const deps = { db, bus: eventBusFor(db, app.log), log: app.log };
  const tags = ['quake'];
  const manage = { access: 'org.manage' } as const;
  const pushUrl = service.pushUrlOf(app.config.isBaseUrlSet ? app.config.baseUrl : null, app.prefix);

  // The agency's documents are XML; read as text, at most the parser's own limit.
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string', bodyLimit: MAX_JMA_XML_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/quake/settings',
    { config: { ...manage, etag: true }, schema: { tags, response: { 200: QuakeSettingsSchema } } },
    async (request) => service.getSettings(db.kysely, requireOrg(request).orgId, pushUrl),
  );

  app.put(
    '/quake/settings',
    {
      config: { ...manage, etag: true, ifMatch: true },
      schema: { tags, body: QuakeSettingsUpdateSchema, response: { 200: QuakeSettingsSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      return service.saveSettings(db, { userId, orgId }, request.ifMatch, request.body, pushUrl);
    },
  );

  app.post(
    '/quake/settings/token',
    { config: manage, schema: { tags, response: { 201: QuakeTokenSchema } } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send(await service.renewPushToken(db, { userId, orgId }));
    },
  );

  app.post(
    '/quake/reports',
    {
      config: { access: 'public', csrf: false, rateLimit: { max: 120, timeWindow: '1 minute' } },
      bodyLimit: MAX_JMA_XML_BYTES,
      schema: { tags, response: { 200: QuakePushResultSchema } },
    },
    async (request) => {
      if (typeof request.body !== 'string') throw new AppError(415, 'unsupported_media_type');
      const token = request.headers[QUAKE_TOKEN_HEADER];
      return service.pushReport(deps, typeof token === 'string' ? token : undefined, request.body);
    },
  );

  app.get(
    '/quake/events',
    {
      config: { access: 'incidents.read' },
      schema: { tags, querystring: QuakeEventQuerySchema, response: { 200: QuakeEventListSchema } },
    },
    async (request) => service.listEvents(db.kysely, requireOrg(request).orgId, request.query.incidentId),
  );

  for (const [path, send] of [
    ['confirm', true],
    ['dismiss', false],
  ] as const)
    app.post(
      `/quake/events/:id/${path}`,
      {
        config: { access: 'incidents.write' },
        schema: { tags, params: IncidentParamsSchema, response: { 200: QuakeEventSchema } },
      },
      async (request) => {
        const { userId, orgId } = requireOrg(request);
        return service.answerConfirmation(deps, { userId, orgId }, request.params.id, send);
      },
    );
};
