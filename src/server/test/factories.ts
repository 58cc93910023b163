import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { NodeKind } from '../../domain/dependency-graph.js';
import type { Role } from '../../domain/organization.js';
import type {
  Component,
  ComponentCreateSchema,
  Edge,
  Operation,
  OperationCreateSchema,
  Supplier,
  SupplierCreateSchema,
  System,
  SystemCreateSchema,
} from '../../shared/inventory.js';
import type { Person, PersonCreateSchema } from '../../shared/people.js';
import type { Department, Site, SiteCreate } from '../../shared/structure.js';
import {
  addUserToOrg,
  createOrgWithUser,
  type OrgFixture,
  type TestApp,
  type TestClient,
} from './harness.js';

/**
 * Test data built the way a user builds it: over the HTTP API, as a signed-in member, so every row
 * passes the same validation, audit and versioning as in the product. Each factory expects the
 * answer it asks for (201 on create) and returns the API object.
 */

/** The JSON of an answer, after checking its status (the body is shown when it differs). */
function answered<T>(res: LightMyRequestResponse, status: number): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** An organization with its owner and one signed-in member of each role asked for. */
export async function createOrgWithMembers<R extends Role>(
  t: TestApp,
  roles: readonly R[],
  orgName?: string,
): Promise<{ owner: OrgFixture; members: Record<R, Omit<OrgFixture, 'orgId'>> }> {
  const owner = await createOrgWithUser(t, 'owner', orgName);
  const members = {} as Record<R, Omit<OrgFixture, 'orgId'>>;
  for (const role of roles) members[role] = await addUserToOrg(t, owner.orgId, role);
  return { owner, members };
}

// --- Structure and people ---------------------------------------------------------------------------

export async function createSite(
  client: TestClient,
  site: Partial<SiteCreate> & { name: string },
): Promise<Site> {
  return answered(await client.post('/api/v1/sites', { kind: 'branch', ...site }), 201);
}

export async function createDepartment(client: TestClient, name: string): Promise<Department> {
  return answered(await client.post('/api/v1/departments', { name }), 201);
}

export async function createPerson(
  client: TestClient,
  person: z.input<typeof PersonCreateSchema>,
): Promise<Person> {
  return answered(await client.post('/api/v1/people', person), 201);
}

/** Archives a site, department, person or inventory row by its API path (`/sites/<id>`). */
export async function archive(client: TestClient, path: string): Promise<void> {
  answered(await client.post(`/api/v1${path}/archive`), 200);
}

// --- Inventory --------------------------------------------------------------------------------------

export async function createOperation(
  client: TestClient,
  operation: z.input<typeof OperationCreateSchema>,
): Promise<Operation> {
  return answered(await client.post('/api/v1/inventory/operations', operation), 201);
}

export async function createSystem(
  client: TestClient,
  system: z.input<typeof SystemCreateSchema>,
): Promise<System> {
  return answered(await client.post('/api/v1/inventory/systems', system), 201);
}

export async function createComponent(
  client: TestClient,
  component: z.input<typeof ComponentCreateSchema>,
): Promise<Component> {
  return answered(await client.post('/api/v1/inventory/components', component), 201);
}

export async function createSupplier(
  client: TestClient,
  supplier: z.input<typeof SupplierCreateSchema>,
): Promise<Supplier> {
  return answered(await client.post('/api/v1/inventory/suppliers', supplier), 201);
}

/** A node of the dependency graph: what an edge joins. */
export interface NodeRef {
  type: NodeKind;
  id: string;
}

/** The graph node of an inventory row: `node('system', db)`. */
export const node = (type: NodeKind, row: { id: string }): NodeRef => ({ type, id: row.id });

/** `from` depends on `to` (an operation on a system, a system on a component or supplier, …). */
export async function linkNodes(client: TestClient, from: NodeRef, to: NodeRef): Promise<Edge> {
  const body = { fromType: from.type, fromId: from.id, toType: to.type, toId: to.id };
  return answered(await client.post('/api/v1/inventory/edges', body), 201);
}
