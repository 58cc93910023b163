/**
 * Types every module shares. A module's own types stay in its folder; what crosses modules is
 * declared here once.
 */
import type { Locale, Role } from '../../domain/organization.js';
import type { PlanSection } from '../../domain/plan-document.js';
import type { Db } from '../db/database.js';
import type { Actor } from '../db/tx.js';

/** Who acts on an organization's data: the signed-in user (null for the system) and that organization. */
export interface OrgActor extends Actor {
  orgId: string;
}

/** A member acting in their current organization with their role (membership rules depend on it). */
export interface MemberActor extends OrgActor {
  userId: string;
  role: Role;
}

/** What a module reads to write its part of the IT-BCP document. */
export interface PlanContext {
  db: Db;
  orgId: string;
  /** The document's language: every text a contributor returns is in it. */
  locale: Locale;
  /** Today in the organization's calendar (YYYY-MM-DD). */
  today: string;
}

/**
 * One module's sections of the IT-BCP document (see domain/plan-document.ts). Registered in
 * modules/plan; a module that has nothing to say yet returns [].
 */
export type PlanSectionContributor = (ctx: PlanContext) => Promise<readonly PlanSection[]>;
