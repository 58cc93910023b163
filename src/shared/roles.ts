import { z } from 'zod';
import { ROLES, type Role } from '../domain/organization.js';

export const RoleSchema = z.enum(ROLES);

/**
 * What a role may do. The server checks a permission on every route; the web app uses the same
 * table only to hide what the server would refuse anyway.
 */
export const PERMISSIONS = [
  'org.read',
  'org.manage', // organization settings, sites, departments
  'members.manage', // invitations, roles, removing members
  'people.read',
  'people.write',
  'audit.read',
  'inventory.read', // IT inventory, BIA, tier diagnosis, damage estimates
  'inventory.write',
  'backups.read', // keizoku's own backups: when, where, whether a test restore passed
  'backups.run', // 今すぐバックアップ: run the scheduled backup now
  'incidents.read', // the incident headquarters: incidents, chronology, board, tracker, reports
  'incidents.write', // declare and close incidents, write the chronology, tasks, decisions, tracker
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: [
    'org.read',
    'org.manage',
    'members.manage',
    'people.read',
    'people.write',
    'inventory.read',
    'inventory.write',
    'backups.read',
    'backups.run',
    'incidents.read',
    'incidents.write',
  ],
  member: ['org.read', 'people.read', 'inventory.read', 'incidents.read'],
  // HQ members (対策本部員) run the incident headquarters.
  hq: ['org.read', 'people.read', 'inventory.read', 'incidents.read', 'incidents.write'],
  facilitator: ['org.read', 'people.read', 'inventory.read', 'incidents.read'],
  // Auditors read everything and change nothing.
  auditor: ['org.read', 'people.read', 'audit.read', 'inventory.read', 'incidents.read'],
};

/** @example can('auditor', 'people.write') // false */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
