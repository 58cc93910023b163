import type { Kysely } from 'kysely';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { Locale } from '../../../domain/organization.js';
import { checkPassword } from '../../../domain/password-policy.js';
import { PersonCreateSchema } from '../../../shared/people.js';
import { DepartmentCreateSchema, SiteCreateSchema } from '../../../shared/structure.js';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { type AuditedTx, audited } from '../../db/tx.js';
import { newId, nowIso } from '../../ids.js';
import { hashPassword } from '../../security/passwords.js';
import * as auth from '../auth/service.js';
import * as orgs from '../orgs/service.js';
import * as people from '../people/service.js';
import * as structure from '../structure/service.js';
import type { OrgActor } from '../types.js';
import { loadAssessment } from './assessment-section.js';
import { loadBackupPlans } from './backup-plan-section.js';
import {
  loadBiaSettings,
  loadBiaSignoff,
  loadChecklist,
  loadDamageEstimates,
  loadDiagnosis,
  loadInventory,
} from './bia-sections.js';
import { type DemoContent, demoContent } from './content.js';
import { loadIncidentDrill } from './incidents-section.js';
import { loadRecoveryPlan } from './recovery-section.js';

/** The demo is loaded once; a second attempt is refused rather than duplicated. */
export class DemoAlreadyLoadedError extends Error {
  constructor() {
    super('demo_already_loaded');
    this.name = 'DemoAlreadyLoadedError';
  }
}

/** What a section of the loader sees: the content, the transaction, and the ids made so far by key. */
export interface DemoContext {
  content: DemoContent;
  trx: Kysely<Database>;
  /** The demo's one transaction, handed to the modules' service functions. */
  tx: AuditedTx;
  /** The system acting on the demo organization (the audit entries have no user). */
  actor: OrgActor;
  orgId: string;
  locale: Locale;
  now: string;
  /** Password hashes computed before the transaction (argon2 is slow; keep the lock short). */
  passwordHash: string;
  ids: {
    sites: Map<string, string>;
    departments: Map<string, string>;
    people: Map<string, string>;
    users: Map<string, string>;
    /** Inventory nodes (operations, systems, components, suppliers) by their demo-bia.yaml key. */
    nodes: Map<string, { id: string; kind: NodeKind }>;
  };
}

export interface DemoResult {
  orgId: string;
  ownerUserId: string;
  owner: { email: string; password: string };
  logins: { email: string; role: string }[];
  counts: DemoCounts;
}

/** How many rows of each kind the demo writes. */
export type DemoCounts = {
  sites: number;
  departments: number;
  people: number;
  users: number;
} & InventoryCounts;

const idOf = (map: Map<string, string>, key: string): string => {
  const id = map.get(key);
  if (!id) throw new Error(`demo content: unknown key ${key}`);
  return id;
};

async function loadOrganization(c: DemoContext): Promise<void> {
  await orgs.addOrganization(c.tx, c.orgId, {
    name: c.content.organization.name[c.locale],
    timezone: c.content.organization.timezone,
    ...(c.content.organization.annual_sales_yen === undefined
      ? {}
      : { annualSalesYen: c.content.organization.annual_sales_yen }),
  });
}

async function loadSites(c: DemoContext): Promise<void> {
  for (const s of c.content.sites) {
    const input = SiteCreateSchema.parse({
      name: s.name[c.locale],
      kind: s.kind,
      prefectureCode: s.prefecture,
      address: s.address?.[c.locale] ?? null,
    });
    c.ids.sites.set(s.key, (await structure.addSite(c.tx, c.actor, input)).id);
  }
}

async function loadDepartments(c: DemoContext): Promise<void> {
  for (const d of c.content.departments) {
    const input = DepartmentCreateSchema.parse({ name: d.name[c.locale] });
    c.ids.departments.set(d.key, (await structure.addDepartment(c.tx, c.actor, input)).id);
  }
}

async function loadPeople(c: DemoContext): Promise<void> {
  for (const p of c.content.people) {
    const input = PersonCreateSchema.parse({
      employeeNumber: p.employee_number,
      name: p.name,
      nameKana: p.kana,
      email: p.email.toLowerCase(),
      phone: p.phone,
      chatHandle: p.chat_handle ?? null,
      siteId: idOf(c.ids.sites, p.site),
      departmentId: p.department ? idOf(c.ids.departments, p.department) : null,
      homePrefecture: p.home_prefecture,
      employmentStatus: p.employment_status,
    });
    c.ids.people.set(p.key, (await people.addPerson(c.tx, c.actor, input)).id);
  }
}

async function loadUsers(c: DemoContext): Promise<void> {
  for (const u of c.content.users) {
    const person = c.content.people.find((p) => p.key === u.person);
    if (!person) throw new Error(`demo content: unknown person ${u.person}`);
    const userId = await auth.addUser(c.tx, {
      email: person.email.toLowerCase(),
      displayName: person.name,
      passwordHash: c.passwordHash,
      locale: u.locale,
    });
    c.ids.users.set(u.person, userId);
    await orgs.addMember(c.tx, c.orgId, userId, u.role);
  }
}

/**
 * The sections of the demo, in order. A later module adds its part of the demo organization by
 * writing one `loadX(c: DemoContext)` and appending it here (and its section to the YAML schema).
 */
const DEMO_SECTIONS: readonly ((c: DemoContext) => Promise<void>)[] = [
  loadOrganization,
  loadSites,
  loadDepartments,
  loadPeople,
  loadUsers,
  loadBiaSettings,
  loadInventory,
  loadDamageEstimates,
  loadDiagnosis,
  loadChecklist,
  loadBiaSignoff,
  loadBackupPlans,
  loadRecoveryPlan,
  loadIncidentDrill,
  loadAssessment,
];

/** True when the demo organization's logins already exist. */
async function isDemoLoaded(db: Db, content: DemoContent = demoContent()): Promise<boolean> {
  const emails = content.users.map(
    (u) => content.people.find((p) => p.key === u.person)?.email.toLowerCase() ?? '',
  );
  return auth.hasUsers(db.kysely, emails);
}

/** True when no user account exists yet (a fresh installation). */
export async function hasNoUsers(db: Db): Promise<boolean> {
  return !(await auth.hasUsers(db.kysely));
}

/**
 * Load the demo organization in ONE transaction with its audit entries (the org's own chain).
 * Refuses with DemoAlreadyLoadedError when its logins already exist.
 * @example const { owner } = await loadDemo(db); // owner.email, owner.password
 */
export async function loadDemo(
  db: Db,
  opts: { locale?: Locale; content?: DemoContent; onlyIfNoUsers?: boolean } = {},
): Promise<DemoResult> {
  const content = opts.content ?? demoContent();
  const owner = content.users.find((u) => u.role === 'owner');
  const ownerPerson = content.people.find((p) => p.key === owner?.person);
  if (!owner || !ownerPerson) throw new Error('demo content has no owner');
  const verdict = checkPassword(content.demo_password, ownerPerson.email);
  if (verdict) throw new Error(`demo password refused by the password policy: ${verdict.code}`);
  if (await isDemoLoaded(db, content)) throw new DemoAlreadyLoadedError();
  const passwordHash = await hashPassword(content.demo_password);

  const orgId = newId();
  const actor: OrgActor = { userId: null, orgId };
  const ctx = await audited(db, actor, async (tx) => {
    const { trx, audit } = tx;
    // Checked again inside the transaction: a concurrent setup must not race the demo in.
    if (opts.onlyIfNoUsers) {
      if (await auth.hasUsers(trx)) throw new DemoAlreadyLoadedError();
    }
    const c: DemoContext = {
      content,
      trx,
      tx,
      actor,
      orgId,
      locale: opts.locale ?? 'ja',
      now: nowIso(),
      passwordHash,
      ids: {
        sites: new Map(),
        departments: new Map(),
        people: new Map(),
        users: new Map(),
        nodes: new Map(),
      },
    };
    for (const section of DEMO_SECTIONS) await section(c);
    await audit({
      action: 'demo.load',
      entityType: 'organization',
      entityId: orgId,
      details: {
        source: content.source,
        sites: content.sites.length,
        departments: content.departments.length,
        people: content.people.length,
        users: content.users.length,
        ...inventoryCounts(content),
      },
    });
    return c;
  });

  return {
    orgId,
    ownerUserId: idOf(ctx.ids.users, owner.person),
    owner: { email: ownerPerson.email.toLowerCase(), password: content.demo_password },
    logins: content.users.map((u) => ({
      email: content.people.find((p) => p.key === u.person)?.email.toLowerCase() ?? '',
      role: u.role,
    })),
    counts: {
      sites: content.sites.length,
      departments: content.departments.length,
      people: content.people.length,
      users: content.users.length,
      ...inventoryCounts(content),
    },
  };
}

/** What the demo writes beyond the organization: registers, edges, estimates, diagnosis, sign-off. */
interface InventoryCounts {
  operations: number;
  systems: number;
  components: number;
  suppliers: number;
  edges: number;
  damageEstimates: number;
  diagnoses: number;
  tasks: number;
  checklistDone: number;
  signoffs: number;
  changesSinceSignoff: number;
}

function inventoryCounts(content: DemoContent): InventoryCounts {
  const b = content.bia;
  return {
    operations: b.operations.length,
    systems: b.systems.length,
    components: b.components.length,
    suppliers: b.suppliers.length,
    edges: [...b.operations, ...b.systems, ...b.components].reduce((n, x) => n + x.depends_on.length, 0),
    damageEstimates: b.damage_estimates.length,
    diagnoses: b.diagnosis ? 1 : 0,
    tasks: b.diagnosis?.tasks.length ?? 0,
    checklistDone: b.checklist.length,
    signoffs: b.signoff ? 1 : 0,
    changesSinceSignoff: b.signoff?.changed_since.length ?? 0,
  };
}
