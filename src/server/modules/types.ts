/**
 * Types every module shares. A module's own types stay in its folder; what crosses modules is
 * declared here once.
 */
import type { Role } from '../../domain/organization.js';
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
