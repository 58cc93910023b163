import type { HomeFinding } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import { nowIso } from '../../ids.js';
import type { FindingsContributor } from '../home/service.js';
import * as repo from './repo.js';

/**
 * Home page: owners and admins learn which of their members' accounts is locked after repeated
 * failed logins, and until when — while the lock lasts.
 */
export const lockedAccountFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'members.manage')) return [];
  const locked = await repo.listLockedMembers(db.kysely, viewer.orgId, nowIso());
  return locked.map(
    (u): HomeFinding => ({
      code: 'account_locked',
      severity: 'warning',
      params: { name: u.display_name, until: u.locked_until },
      link: '/members',
    }),
  );
};
