import type { Role } from '../../../domain/organization.js';
import {
  HOME_FINDING_SEVERITIES,
  type HomeFinding,
  type HomeFindingsResponse,
  type HomeStep,
  type HomeStepsResponse,
} from '../../../shared/home.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { assessmentFindings, assessmentSteps } from '../assessment/findings.js';
import { lockedAccountFindings } from '../auth/findings.js';
import { backupPlanFindings, backupPlanSteps } from '../backup-plan/findings.js';
import { backupFindings } from '../backups/findings.js';
import { biaFindings, biaSteps } from '../bia/findings.js';
import { diagnosisSteps, overdueTaskFindings } from '../diagnosis/findings.js';
import { drillSteps, incidentFindings } from '../incidents/findings.js';
import { inventorySteps, supportEndFindings } from '../inventory/findings.js';
import { orgToday } from '../orgs/service.js';
import { planFindings, planSteps } from '../plan/findings.js';
import { quakeFindings } from '../quake/findings.js';
import { recoveryFindings, recoverySteps } from '../recovery/findings.js';
import { safetyFindings } from '../safety/findings.js';

/** Who looks at the home page: what a module may show depends on the organization and the role. */
interface FindingsViewer {
  orgId: string;
  role: Role;
  /** Today in the organization's calendar (YYYY-MM-DD): what is overdue or ended is relative to it. */
  today: string;
}

/** What a contributor reads: the database, the server's configuration and the viewer. */
interface HomeContext {
  db: Db;
  config: Config;
  viewer: FindingsViewer;
  /** The moment the page is asked for (what is late is late at this time). */
  now: Date;
}

/** One module's findings for the home page, already filtered for the viewer. */
export type FindingsContributor = (ctx: HomeContext) => Promise<HomeFinding[]>;

/** One module's steps of the owner's path (none when the viewer cannot work on them), in order. */
export type StepsContributor = (ctx: HomeContext) => Promise<HomeStep[]>;

/** Every module that tells the home page something adds its one function here. */
const CONTRIBUTORS: readonly FindingsContributor[] = [
  biaFindings,
  overdueTaskFindings,
  supportEndFindings,
  backupPlanFindings,
  backupFindings,
  lockedAccountFindings,
  recoveryFindings,
  planFindings,
  incidentFindings,
  quakeFindings,
  safetyFindings,
  assessmentFindings,
];

/**
 * The owner's path, in the order it is walked: a module whose work comes later (backup plan,
 * security assessment, incident HQ, yearly review) adds its steps after the BIA's.
 */
const STEP_CONTRIBUTORS: readonly StepsContributor[] = [
  diagnosisSteps,
  inventorySteps,
  biaSteps,
  backupPlanSteps,
  recoverySteps,
  planSteps,
  assessmentSteps,
  drillSteps,
];

const urgency = (f: HomeFinding) => HOME_FINDING_SEVERITIES.indexOf(f.severity);

async function contextOf(
  db: Db,
  config: Config,
  caller: { orgId: string; role: Role },
  now: Date,
): Promise<HomeContext> {
  const today = await orgToday(db.kysely, caller.orgId, now);
  return { db, config, viewer: { orgId: caller.orgId, role: caller.role, today }, now };
}

/** The findings of every module for this viewer, most urgent first (modules' order within). */
export async function homeFindings(
  db: Db,
  config: Config,
  caller: { orgId: string; role: Role },
  now = new Date(),
): Promise<HomeFindingsResponse> {
  const ctx = await contextOf(db, config, caller, now);
  const lists = await Promise.all(CONTRIBUTORS.map((contribute) => contribute(ctx)));
  return { items: lists.flat().sort((a, b) => urgency(a) - urgency(b)) };
}

/** The owner's path with each step's state, and the first step not done. */
export async function homeSteps(
  db: Db,
  config: Config,
  caller: { orgId: string; role: Role },
  now = new Date(),
): Promise<HomeStepsResponse> {
  const ctx = await contextOf(db, config, caller, now);
  const items = (await Promise.all(STEP_CONTRIBUTORS.map((contribute) => contribute(ctx)))).flat();
  return { items, next: items.find((s) => s.state !== 'done')?.key ?? null };
}
