import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  BiaContentSchema,
  BiaDiffSchema,
  BiaSettingsSchema,
  BiaSettingsUpdateSchema,
  BiaViewSchema,
  ImpactQuerySchema,
  ImpactSchema,
  ScaleChangeReportSchema,
  ScaleChangeRequestSchema,
  SignoffCreateSchema,
  SignoffListSchema,
  SignoffSchema,
} from '../../../shared/bia-api.js';
import { requireOrg } from '../../http/auth-context.js';
import { sendPreparedJson, withPreparedJson } from '../../http/prepared-json.js';
import { content } from './content.js';
import { diff } from './diff.js';
import { impact } from './impact.js';
import { changeScale } from './scale-change.js';
import { getSettings, updateSettings } from './settings.js';
import { listSignoffs, signOff } from './signoffs.js';
import { viewBody } from './view.js';

/** BIA: settings (scale, matrix, RTO table), the derived view, failure impact, sign-off and diff. */
export const biaRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['bia'];

  app.get(
    '/bia/content',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: BiaContentSchema } } },
    async () => content(),
  );

  app.get(
    '/bia/settings',
    {
      config: { access: 'inventory.read', etag: true },
      schema: { tags, response: { 200: BiaSettingsSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      const settings = await getSettings(db.kysely, orgId);
      return settings;
    },
  );

  app.patch(
    '/bia/settings',
    {
      config: { access: 'inventory.write', etag: true, ifMatch: true },
      schema: { tags, body: BiaSettingsUpdateSchema, response: { 200: BiaSettingsSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const settings = await updateSettings(db, { userId, orgId }, version, request.body);
      return settings;
    },
  );

  app.post(
    '/bia/settings/scale',
    {
      config: { access: 'inventory.write', ifMatch: true },
      schema: { tags, body: ScaleChangeRequestSchema, response: { 200: ScaleChangeReportSchema } },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      return changeScale(db, { userId, orgId }, version, request.body);
    },
  );

  // GET /bia is prepared once per data revision (gzip when accepted) and carries its tag as ETag;
  // a matching If-None-Match is answered with 304.
  await withPreparedJson(app, (prepared) => {
    prepared.get(
      '/bia',
      {
        config: { access: 'inventory.read', etag: true, ifNoneMatch: true },
        schema: { tags, response: { 200: BiaViewSchema } },
      },
      async (request, reply) => {
        const { orgId } = requireOrg(request);
        return sendPreparedJson(request, reply, await viewBody(db, orgId));
      },
    );
  });

  app.get(
    '/bia/impact',
    {
      config: { access: 'inventory.read' },
      schema: { tags, querystring: ImpactQuerySchema, response: { 200: ImpactSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return impact(db, orgId, request.query);
    },
  );

  app.post(
    '/bia/signoffs',
    {
      config: { access: 'inventory.write' },
      schema: { tags, body: SignoffCreateSchema, response: { 201: SignoffSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await signOff(db, { userId, orgId }, request.body.note));
    },
  );

  app.get(
    '/bia/signoffs',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: SignoffListSchema } } },
    async (request) => {
      const { orgId } = requireOrg(request);
      return listSignoffs(db, orgId);
    },
  );

  app.get(
    '/bia/diff',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: BiaDiffSchema } } },
    async (request) => {
      const { orgId } = requireOrg(request);
      return diff(db, orgId);
    },
  );
};
