import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SAFETY_LIMITS } from '../../../domain/safety.js';
import { IncidentParamsSchema } from '../../../shared/incidents.js';
import {
  MySafetyRequestsSchema,
  SafetyAnswerInputSchema,
  SafetyAnswerListSchema,
  SafetyAnswerSchema,
  SafetyOverviewSchema,
  SafetyRecipientParamsSchema,
  SafetyRequestCreateSchema,
  SafetyResendSchema,
  SafetySentSchema,
} from '../../../shared/safety.js';
import { requireAuth, requireOrg } from '../../http/auth-context.js';
import { sendProblem } from '../../http/problem.js';
import { eventBusFor } from '../../realtime/event-bus.js';
import { ANSWER_PAGE_CSP, answerPage, pageLang, refusalPage } from './answer-page.js';
import { AnswerIngest, AnswerLinks } from './ingest.js';
import * as service from './service.js';
import { connectSafety } from './wiring.js';

/**
 * Safety confirmation for HQ (under /api/v1/incidents/:id/safety): read by every member
 * (incidents.read), sent and answered on someone's behalf by incidents.write. GET /safety/mine is
 * the in-app channel: the signed-in member's own open requests.
 */
export const safetyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const ctx = { db, bus: eventBusFor(db, app.log), baseUrl: app.config.baseUrl };
  const tags = ['safety'];
  const read = { access: 'incidents.read' } as const;
  const write = { access: 'incidents.write' } as const;
  const actorOf = (request: FastifyRequest) => {
    const { userId, orgId } = requireOrg(request);
    return { userId, orgId };
  };

  // Earthquake incidents send their requests here; the situation report shows the totals.
  const disconnect = connectSafety(ctx);
  app.addHook('onClose', async () => disconnect());

  // Reminders are sent by a small worker while the server listens (each process may run one:
  // a reminder is claimed in the database before it is sent).
  let reminders: { stop(): Promise<void> } | null = null;
  app.addHook('onListen', async () => {
    if (app.config.outbound.worker) reminders ??= service.startReminderWorker(ctx, app.log);
  });
  app.addHook('preClose', async () => reminders?.stop());

  app.get(
    '/incidents/:id/safety',
    { config: read, schema: { tags, params: IncidentParamsSchema, response: { 200: SafetyOverviewSchema } } },
    async (request) => service.overview(db, requireOrg(request).orgId, request.params.id),
  );

  app.post(
    '/incidents/:id/safety/requests',
    {
      config: write,
      schema: {
        tags,
        params: IncidentParamsSchema,
        body: SafetyRequestCreateSchema,
        response: { 201: SafetySentSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.sendRequest(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/incidents/:id/safety/resend',
    {
      config: write,
      schema: {
        tags,
        params: IncidentParamsSchema,
        body: SafetyResendSchema,
        response: { 200: SafetySentSchema },
      },
    },
    async (request) => service.resend(ctx, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/incidents/:id/safety/recipients/:recipientId/answers',
    {
      config: read,
      schema: { tags, params: SafetyRecipientParamsSchema, response: { 200: SafetyAnswerListSchema } },
    },
    async (request) =>
      service.history(db, requireOrg(request).orgId, request.params.id, request.params.recipientId),
  );

  app.post(
    '/incidents/:id/safety/recipients/:recipientId/answers',
    {
      config: write,
      schema: {
        tags,
        params: SafetyRecipientParamsSchema,
        body: SafetyAnswerInputSchema,
        response: { 201: SafetyAnswerSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.proxyAnswer(
            ctx,
            actorOf(request),
            request.params.id,
            request.params.recipientId,
            request.body,
          ),
        ),
  );

  app.post(
    '/safety/mine/:recipientId/link',
    {
      config: read,
      schema: {
        tags,
        params: z.strictObject({ recipientId: SafetyRecipientParamsSchema.shape.recipientId }),
        response: { 200: z.object({ path: z.string() }) },
      },
    },
    async (request) =>
      service.ownLink(ctx, actorOf(request), requireAuth(request).user.email, request.params.recipientId),
  );

  app.get(
    '/safety/mine',
    { config: read, schema: { tags, response: { 200: MySafetyRequestsSchema } } },
    async (request) => service.myRequests(db, requireOrg(request).orgId, requireAuth(request).user.email),
  );
};

/** An answer's body is a few hundred bytes; a message is at most SAFETY_LIMITS' length. */
const ANSWER_BODY_LIMIT = 16 * 1024;
const TokenParams = z.object({ token: z.string().max(200) });
const AnswerHeaders = z.object({ 'idempotency-key': z.uuid() });

/**
 * The personal answer link, outside /api/v1 and without a session or CSRF token (the token in the
 * path is the key; it is never logged: logging.ts scrubs long path segments). GET serves the tiny
 * answer page; POST takes an answer with an Idempotency-Key header. Every unusable token (unknown,
 * malformed, another's) gets the same refusal; an address that fails too often is refused for a
 * while (counted in the database, so every process shares the count).
 */
export const safetyAnswerRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = { db: app.db, bus: eventBusFor(app.db, app.log), baseUrl: app.config.baseUrl };
  const links = new AnswerLinks(ctx, {
    failures: SAFETY_LIMITS.tokenFailures,
    windowMs: SAFETY_LIMITS.tokenFailureWindowMs,
  });
  const ingest = new AnswerIngest(ctx, app.log);
  // Answers taken before the close are written before the database goes.
  app.addHook('onClose', () => ingest.close());

  /** The refusal of an unusable token (or of a guessing address), as a page or a problem. */
  const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, html: boolean) => {
    reply.header('cache-control', 'no-store');
    if (html)
      return reply
        .code(status)
        .header('content-security-policy', ANSWER_PAGE_CSP)
        .type('text/html; charset=utf-8')
        .send(refusalPage(pageLang(request.headers['accept-language'])));
    return sendProblem(reply, status, status === 429 ? 'rate_limited' : 'safety_link_invalid');
  };

  /** The link behind the token, or null after answering the refusal itself. */
  const resolve = async <T>(
    request: FastifyRequest,
    reply: FastifyReply,
    html: boolean,
    find: () => Promise<T | null>,
  ): Promise<T | null> => {
    if (await links.isLimited(request.ip)) {
      await refuse(request, reply, 429, html);
      return null;
    }
    const found = await find();
    if (!found) {
      await links.countGuess(request.ip);
      await refuse(request, reply, 404, html);
      return null;
    }
    return found;
  };

  app.get('/a/:token', { schema: { hide: true, params: TokenParams } }, async (request, reply) => {
    const found = await resolve(request, reply, true, () => links.forPage(request.params.token));
    if (!found) return reply;
    const { link, latest } = found;
    return reply
      .header('cache-control', 'no-store')
      .header('content-security-policy', ANSWER_PAGE_CSP)
      .type('text/html; charset=utf-8')
      .send(
        answerPage({
          lang: pageLang(request.headers['accept-language']),
          orgName: link.org_name,
          incidentTitle: link.incident_title,
          personName: link.person_name,
          drill: link.mode === 'drill',
          closed: link.incident_status === 'closed',
          questions: service.questionsOf(link.questions),
          latest,
        }),
      );
  });

  // The usual answer is taken in front of Fastify (http/fast-lane.ts) by the same steps as the
  // route below, which answers everything the lane leaves: a refusal, an error, a conflict.
  app.fastLanes.add({
    method: 'POST',
    path: /^\/a\/([A-Za-z0-9_-]{43})$/,
    bodyLimit: ANSWER_BODY_LIMIT,
    headers: { 'cache-control': 'no-store' },
    handle: async ({ match, headers, ip, body }) => {
      const key = AnswerHeaders.safeParse(headers);
      const input = SafetyAnswerInputSchema.safeParse(body);
      if (!key.success || !input.success || (await links.isLimited(ip))) return null;
      const link = await links.forAnswer(match[1] as string);
      if (!link) return null;
      const out = await ingest.submit(link, key.data['idempotency-key'], input.data);
      return { status: out.replayed ? 200 : 201, payload: out };
    },
  });

  app.post(
    '/a/:token',
    {
      bodyLimit: ANSWER_BODY_LIMIT,
      schema: { hide: true, params: TokenParams, headers: AnswerHeaders, body: SafetyAnswerInputSchema },
    },
    async (request, reply) => {
      const link = await resolve(request, reply, false, () => links.forAnswer(request.params.token));
      if (!link) return reply;
      const out = await ingest.submit(link, request.headers['idempotency-key'], request.body);
      return reply
        .code(out.replayed ? 200 : 201)
        .header('cache-control', 'no-store')
        .send(out);
    },
  );
};
