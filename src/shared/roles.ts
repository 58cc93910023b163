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
  ],
  member: ['org.read', 'people.read', 'inventory.read'],
  hq: ['org.read', 'people.read', 'inventory.read'],
  facilitator: ['org.read', 'people.read', 'inventory.read'],
  // Auditors read everything and change nothing.
  auditor: ['org.read', 'people.read', 'audit.read', 'inventory.read'],
};

/** @example can('auditor', 'people.write') // false */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
