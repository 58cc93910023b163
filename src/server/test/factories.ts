import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { NodeKind } from '../../domain/dependency-graph.js';
import type { Role } from '../../domain/organization.js';
import type { IncidentType } from '../../domain/recovery.js';
import { type BackupPlan, type BackupPlanInput, BackupPlanSchema } from '../../shared/backup-plan.js';
import {
  type BiaSettings,
  BiaSettingsSchema,
  type BiaSettingsUpdate,
  type Signoff,
  SignoffSchema,
} from '../../shared/bia-api.js';
import { type DamageEstimate, type DamageEstimateCreate, DamageEstimateSchema } from '../../shared/damage.js';
import {
  type ChecklistItemState,
  ChecklistItemStateSchema,
  type ChecklistUpdate,
  type DiagnosisResult,
  DiagnosisResultSchema,
  QuestionnaireSchema,
  type Task,
  type TaskCreate,
  TaskCreatedSchema,
} from '../../shared/diagnosis.js';
import { type ImportJob, ImportJobSchema } from '../../shared/import-jobs.js';
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
import {
  type CreateInvitationRequest,
  type CreateInvitationResponse,
  CreateInvitationResponseSchema,
} from '../../shared/orgs.js';
import type { Person, PersonCreateSchema } from '../../shared/people.js';
import type {
  Contact,
  ContactCreateSchema,
  Incident,
  IncidentUpdate,
  Procedure,
  ProcedureCreateSchema,
} from '../../shared/recovery.js';
import type { Department, DepartmentCreateSchema, Site, SiteCreate } from '../../shared/structure.js';
import { newId } from '../ids.js';
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

// --- Sites, departments, people, inventory ------------------------------------------------------------

/** What `createItem` sends for each kind of item, and what it gets back. */
interface Items {
  site: { create: Partial<SiteCreate> & { name: string }; row: Site };
  department: { create: z.input<typeof DepartmentCreateSchema>; row: Department };
  person: { create: z.input<typeof PersonCreateSchema>; row: Person };
  operation: { create: z.input<typeof OperationCreateSchema>; row: Operation };
  system: { create: z.input<typeof SystemCreateSchema>; row: System };
  component: { create: z.input<typeof ComponentCreateSchema>; row: Component };
  supplier: { create: z.input<typeof SupplierCreateSchema>; row: Supplier };
}
type ItemKind = keyof Items;

const ITEM_PATHS: Record<ItemKind, string> = {
  site: '/sites',
  department: '/departments',
  person: '/people',
  operation: '/inventory/operations',
  system: '/inventory/systems',
  component: '/inventory/components',
  supplier: '/inventory/suppliers',
};

/** What a kind gets when the test does not say (a site is a branch). */
const ITEM_DEFAULTS: Partial<Record<ItemKind, object>> = { site: { kind: 'branch' } };

/**
 * Adds a site, department, person or inventory row as the client's user, over the API:
 * `createItem(owner.client, 'system', { name: '会計' })`. Expects 201 and returns the API object.
 */
export async function createItem<K extends ItemKind>(
  client: TestClient,
  kind: K,
  item: Items[K]['create'],
): Promise<Items[K]['row']> {
  return answered(await client.post(`/api/v1${ITEM_PATHS[kind]}`, { ...ITEM_DEFAULTS[kind], ...item }), 201);
}

/** Archives a site, department, person or inventory row by its API path (`/sites/<id>`). */
export async function archive(client: TestClient, path: string): Promise<void> {
  answered(await client.post(`/api/v1${path}/archive`), 200);
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

// --- Members, imports -------------------------------------------------------------------------------

/** The JSON of an answer parsed with its response schema, after checking its status. */
function parsedAnswer<S extends z.ZodType>(
  res: LightMyRequestResponse,
  status: number,
  schema: S,
): z.output<S> {
  expect(res.statusCode, res.body).toBe(status);
  return schema.parse(res.json());
}

export async function createInvitation(
  client: TestClient,
  invitation: CreateInvitationRequest,
): Promise<CreateInvitationResponse> {
  return parsedAnswer(
    await client.post('/api/v1/org/invitations', invitation),
    201,
    CreateInvitationResponseSchema,
  );
}

/** A multipart body with one file, as a browser sends it. */
export function fileUpload(fileName: string, content: Buffer | string, type = 'application/octet-stream') {
  const boundary = `----keizoku${newId()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * Uploads a file to an import job's path (`/api/v1/people/imports`,
 * `/api/v1/inventory/systems/imports` …) and waits until its check has ended.
 */
export async function importFile(
  client: TestClient,
  path: string,
  fileName: string,
  content: Buffer | string,
): Promise<ImportJob> {
  const { body, headers } = fileUpload(fileName, content);
  const { id } = parsedAnswer(
    await client.post(path, body, headers),
    202,
    ImportJobSchema.pick({ id: true }),
  );
  for (let i = 0; i < 2000; i++) {
    const job = parsedAnswer(await client.get(`${path}/${id}`), 200, ImportJobSchema);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Commits a checked import job; expects 200 and returns the committed job. */
export async function commitImportJob(
  client: TestClient,
  path: string,
  id: string,
  mode: 'all' | 'valid_only',
): Promise<ImportJob> {
  return parsedAnswer(await client.post(`${path}/${id}/commit`, { mode }), 200, ImportJobSchema);
}

/** Uploads a people file (CSV text) and waits until its validation has ended. */
export function importPeopleFile(client: TestClient, fileName: string, csv: string): Promise<ImportJob> {
  return importFile(client, '/api/v1/people/imports', fileName, csv);
}

// --- BIA, diagnosis, damage ---------------------------------------------------------------------------

/** Changes the BIA settings the organization has at `version` (0 = still the defaults). */
export async function updateBiaSettings(
  client: TestClient,
  update: BiaSettingsUpdate,
  version = 0,
): Promise<BiaSettings> {
  const res = await client.patch('/api/v1/bia/settings', update, { 'if-match': `"${version}"` });
  return parsedAnswer(res, 200, BiaSettingsSchema);
}

export async function signOffBia(client: TestClient, note: string | null = null): Promise<Signoff> {
  return parsedAnswer(await client.post('/api/v1/bia/signoffs', { note }), 201, SignoffSchema);
}

/** Takes the tier diagnosis; without answers, the first option of every question. */
export async function takeDiagnosis(
  client: TestClient,
  answers?: Record<string, string>,
): Promise<DiagnosisResult> {
  let chosen = answers;
  if (!chosen) {
    const q = parsedAnswer(await client.get('/api/v1/diagnosis/questionnaire'), 200, QuestionnaireSchema);
    chosen = Object.fromEntries(q.questions.map((x) => [x.id, x.options[0]?.id ?? '']));
  }
  const res = await client.post('/api/v1/diagnosis/results', { answers: chosen });
  return parsedAnswer(res, 201, DiagnosisResultSchema);
}

export async function createTasks(client: TestClient, tasks: TaskCreate): Promise<Task[]> {
  return parsedAnswer(await client.post('/api/v1/diagnosis/tasks', tasks), 201, TaskCreatedSchema).items;
}

/** Marks a management checklist item (at `version`, 0 = never marked). */
export async function markChecklistItem(
  client: TestClient,
  itemId: string,
  update: ChecklistUpdate,
  version = 0,
): Promise<ChecklistItemState> {
  const res = await client.put(`/api/v1/diagnosis/checklist/${itemId}`, update, {
    'if-match': `"${version}"`,
  });
  return parsedAnswer(res, 200, ChecklistItemStateSchema);
}

export async function createDamageEstimate(
  client: TestClient,
  estimate: DamageEstimateCreate,
): Promise<DamageEstimate> {
  return parsedAnswer(await client.post('/api/v1/damage/estimates', estimate), 201, DamageEstimateSchema);
}

// --- Recovery plan ----------------------------------------------------------------------------------
export async function createProcedure(
  client: TestClient,
  procedure: z.input<typeof ProcedureCreateSchema>,
): Promise<Procedure> {
  return answered(await client.post('/api/v1/recovery/procedures', procedure), 201);
}
/** Saves how the organization assumes an incident (the first save: If-Match "0"). */
export async function saveIncident(
  client: TestClient,
  incident: IncidentType,
  values: Partial<IncidentUpdate> = {},
): Promise<Incident> {
  const body = { assumed: true, whatStops: null, whyItMatters: null, layers: [1, 2], ...values };
  return answered(
    await client.put(`/api/v1/recovery/incidents/${incident}`, body, { 'if-match': '"0"' }),
    200,
  );
}
export async function createRecoveryContact(
  client: TestClient,
  contact: z.input<typeof ContactCreateSchema>,
): Promise<Contact> {
  return answered(await client.post('/api/v1/recovery/contacts', contact), 201);
}
// --- Backup plan --------------------------------------------------------------------------------------
/** A plan that meets every rule: production, a NAS in the building, an offline disk at another site. */
export function backupPlanInput(target: Partial<BackupPlanInput> = {}): BackupPlanInput {
  const copy = {
    reachableFromProduction: false,
    sameCredentials: false,
    sameMaintenance: false,
    provider: null,
    encrypted: true,
  };
  return {
    systemId: null,
    dataSetName: null,
    method: 'full',
    frequency: { kind: 'every', minutes: 1440 },
    rpoMinutes: 1440,
    production: { medium: 'server', location: 'same_building', provider: null },
    copies: [
      {
        ...copy,
        medium: 'nas',
        location: 'same_building',
        connection: 'online',
        reachableFromProduction: true,
      },
      { ...copy, medium: 'removable', location: 'other_site', connection: 'offline' },
    ],
    restoreTestedOn: new Date().toISOString().slice(0, 10),
    restoreResult: 'success',
    restoreNote: null,
    note: null,
    ...target,
  };
}
export async function createBackupPlan(
  client: TestClient,
  plan: Partial<BackupPlanInput>,
): Promise<BackupPlan> {
  return parsedAnswer(
    await client.post('/api/v1/backup-plans', backupPlanInput(plan)),
    201,
    BackupPlanSchema,
  );
}
