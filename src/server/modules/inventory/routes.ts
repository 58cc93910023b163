import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { REGISTERS, type Register } from '../../../domain/inventory.js';
import {
  ComponentCreateSchema,
  ComponentListQuerySchema,
  ComponentListSchema,
  ComponentSchema,
  ComponentUpdateSchema,
  EdgeCreateSchema,
  EdgeListQuerySchema,
  EdgeListSchema,
  EdgeSchema,
  GraphSchema,
  INVENTORY_IMPORT_MAX_BYTES,
  InventoryExportQuerySchema,
  OperationCreateSchema,
  OperationListQuerySchema,
  OperationListSchema,
  OperationSchema,
  OperationUpdateSchema,
  SupplierCreateSchema,
  SupplierListQuerySchema,
  SupplierListSchema,
  SupplierSchema,
  SupplierUpdateSchema,
  SystemCreateSchema,
  SystemListQuerySchema,
  SystemListSchema,
  SystemSchema,
  SystemUpdateSchema,
} from '../../../shared/inventory.js';
import { IdParamsSchema } from '../../../shared/structure.js';
import { requireOrg } from '../../http/auth-context.js';
import { sendDownload } from '../../http/download.js';
import { importJobRoutes } from '../../http/import-job-routes.js';
import * as files from './files.js';
import { REGISTER_IMPORTS } from './imports.js';
import * as service from './service.js';

const SCHEMAS = {
  operations: {
    create: OperationCreateSchema,
    update: OperationUpdateSchema,
    item: OperationSchema,
    query: OperationListQuerySchema,
    list: OperationListSchema,
  },
  systems: {
    create: SystemCreateSchema,
    update: SystemUpdateSchema,
    item: SystemSchema,
    query: SystemListQuerySchema,
    list: SystemListSchema,
  },
  components: {
    create: ComponentCreateSchema,
    update: ComponentUpdateSchema,
    item: ComponentSchema,
    query: ComponentListQuerySchema,
    list: ComponentListSchema,
  },
  suppliers: {
    create: SupplierCreateSchema,
    update: SupplierUpdateSchema,
    item: SupplierSchema,
    query: SupplierListQuerySchema,
    list: SupplierListSchema,
  },
} as const satisfies Record<Register, unknown>;

/**
 * The IT inventory: four registers under /inventory/<register>, dependency edges and the graph.
 * Read with inventory.read (every member), change with inventory.write (owner, admin).
 */
export const inventoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ['inventory'];

  for (const register of REGISTERS) {
    const s = SCHEMAS[register];
    const base = `/inventory/${register}`;

    app.get(
      base,
      {
        config: { access: 'inventory.read' },
        schema: { tags, querystring: s.query, response: { 200: s.list } },
      },
      async (request) => {
        const { orgId } = requireOrg(request);
        return service.listItems(db, orgId, register, request.query);
      },
    );

    app.get(
      `${base}/export`,
      { config: { access: 'inventory.read' }, schema: { tags, querystring: InventoryExportQuerySchema } },
      async (request, reply) => {
        const { orgId } = requireOrg(request);
        const { lang, includeArchived } = request.query;
        const file = await files.exportRegister(db, orgId, register, lang, includeArchived === 'true');
        return sendDownload(reply, file);
      },
    );

    app.get(
      `${base}/:id`,
      {
        config: { access: 'inventory.read', etag: true },
        schema: { tags, params: IdParamsSchema, response: { 200: s.item } },
      },
      async (request) => {
        const { orgId } = requireOrg(request);
        return service.getItem(db, orgId, register, request.params.id);
      },
    );

    app.post(
      base,
      {
        config: { access: 'inventory.write', etag: true },
        schema: { tags, body: s.create, response: { 201: s.item } },
      },
      async (request, reply) => {
        const { userId, orgId } = requireOrg(request);
        const item = await service.createItem(db, { userId, orgId }, register, request.body);
        return reply.code(201).send(item);
      },
    );

    app.patch(
      `${base}/:id`,
      {
        config: { access: 'inventory.write', etag: true, ifMatch: true },
        schema: { tags, params: IdParamsSchema, body: s.update, response: { 200: s.item } },
      },
      async (request) => {
        const { userId, orgId } = requireOrg(request);
        const version = request.ifMatch;
        const item = await service.updateItem(
          db,
          { userId, orgId },
          register,
          request.params.id,
          version,
          request.body,
        );
        return item;
      },
    );

    for (const archived of [true, false]) {
      app.post(
        `${base}/:id/${archived ? 'archive' : 'unarchive'}`,
        {
          config: { access: 'inventory.write', etag: true, ifMatch: true },
          schema: { tags, params: IdParamsSchema, response: { 200: s.item } },
        },
        async (request) => {
          const { userId, orgId } = requireOrg(request);
          const version = request.ifMatch;
          const item = await service.setArchived(
            db,
            { userId, orgId },
            register,
            request.params.id,
            version,
            archived,
          );
          return item;
        },
      );
    }
  }

  app.get(
    '/inventory/graph',
    { config: { access: 'inventory.read' }, schema: { tags, response: { 200: GraphSchema } } },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.graph(db, orgId);
    },
  );

  app.get(
    '/inventory/edges',
    {
      config: { access: 'inventory.read' },
      schema: { tags, querystring: EdgeListQuerySchema, response: { 200: EdgeListSchema } },
    },
    async (request) => {
      const { orgId } = requireOrg(request);
      return service.listEdges(db, orgId, request.query);
    },
  );

  app.post(
    '/inventory/edges',
    {
      config: { access: 'inventory.write' },
      schema: { tags, body: EdgeCreateSchema, response: { 201: EdgeSchema } },
    },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      return reply.code(201).send(await service.createEdge(db, { userId, orgId }, request.body));
    },
  );

  app.delete(
    '/inventory/edges/:id',
    { config: { access: 'inventory.write' }, schema: { tags, params: IdParamsSchema } },
    async (request, reply) => {
      const { userId, orgId } = requireOrg(request);
      await service.deleteEdge(db, { userId, orgId }, request.params.id);
      return reply.code(204).send();
    },
  );

  // Each register's import job (upload → check → preview → commit): /inventory/<register>/imports.
  for (const register of REGISTERS)
    await importJobRoutes(app, {
      path: `/inventory/${register}/imports`,
      access: 'inventory.write',
      tags,
      maxBytes: INVENTORY_IMPORT_MAX_BYTES,
      spec: REGISTER_IMPORTS[register],
    });
};
