import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DepartmentCreateSchema,
  DepartmentListSchema,
  DepartmentSchema,
  DepartmentUpdateSchema,
  IdParamsSchema,
  SiteCreateSchema,
  SiteListSchema,
  SiteSchema,
  SiteUpdateSchema,
  StructureListQuerySchema,
} from '../../../shared/structure.js';
import { archiveRoutes } from '../../http/archive-routes.js';
import { requireOrg } from '../../http/auth-context.js';
import * as service from './service.js';

/** Sites (拠点) and departments (部署): read with org.read, change with org.manage. */
export const structureRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/sites',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['structure'],
        querystring: StructureListQuerySchema,
        response: { 200: SiteListSchema },
      },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      const items = await service.listSites(db, orgId, request.query.includeArchived === 'true');
      return { items, nextCursor: null };
    },
  );

  app.get(
    '/sites/:id',
    {
      config: { access: 'org.read', etag: true },
      schema: { tags: ['structure'], params: IdParamsSchema, response: { 200: SiteSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return await service.getSite(db, orgId, request.params.id);
    },
  );

  app.post(
    '/sites',
    {
      config: { access: 'org.manage', etag: true },
      schema: { tags: ['structure'], body: SiteCreateSchema, response: { 201: SiteSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      const site = await service.createSite(db, { userId, orgId }, request.body);
      return reply.code(201).send(site);
    },
  );

  app.patch(
    '/sites/:id',
    {
      config: { access: 'org.manage', etag: true, ifMatch: true },
      schema: {
        tags: ['structure'],
        params: IdParamsSchema,
        body: SiteUpdateSchema,
        response: { 200: SiteSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const site = await service.updateSite(db, { userId, orgId }, request.params.id, version, request.body);
      return site;
    },
  );

  archiveRoutes(app, {
    path: '/sites',
    access: 'org.manage',
    tags: ['structure'],
    response: SiteSchema,
    setArchived: (actor, id, archived) => service.setSiteArchived(db, actor, id, archived),
  });

  app.get(
    '/departments',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['structure'],
        querystring: StructureListQuerySchema,
        response: { 200: DepartmentListSchema },
      },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      const items = await service.listDepartments(db, orgId, request.query.includeArchived === 'true');
      return { items, nextCursor: null };
    },
  );

  app.get(
    '/departments/:id',
    {
      config: { access: 'org.read', etag: true },
      schema: { tags: ['structure'], params: IdParamsSchema, response: { 200: DepartmentSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return await service.getDepartment(db, orgId, request.params.id);
    },
  );

  app.post(
    '/departments',
    {
      config: { access: 'org.manage', etag: true },
      schema: { tags: ['structure'], body: DepartmentCreateSchema, response: { 201: DepartmentSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      const department = await service.createDepartment(db, { userId, orgId }, request.body);
      return reply.code(201).send(department);
    },
  );

  app.patch(
    '/departments/:id',
    {
      config: { access: 'org.manage', etag: true, ifMatch: true },
      schema: {
        tags: ['structure'],
        params: IdParamsSchema,
        body: DepartmentUpdateSchema,
        response: { 200: DepartmentSchema },
      },
    },
    async (request) => {
      const { userId, orgId } = requireOrg(request);
      const version = request.ifMatch;
      const department = await service.updateDepartment(
        db,
        { userId, orgId },
        request.params.id,
        version,
        request.body,
      );
      return department;
    },
  );

  archiveRoutes(app, {
    path: '/departments',
    access: 'org.manage',
    tags: ['structure'],
    response: DepartmentSchema,
    setArchived: (actor, id, archived) => service.setDepartmentArchived(db, actor, id, archived),
  });
};
