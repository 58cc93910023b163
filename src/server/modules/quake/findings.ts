import type { HomeFinding } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor } from '../home/service.js';
import { pendingConfirmations } from './service.js';

/**
 * Home page: an earthquake the trigger declared an incident for, whose safety confirmation requests
 * wait for an HQ member to confirm (send or not). Shown to those who read the HQ; the link opens the
 * incident, where the confirmation is answered.
 */
export const quakeFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'incidents.read')) return [];
  const pending = await pendingConfirmations(db.kysely, viewer.orgId);
  return pending
    .filter((e) => e.incidentId)
    .map(
      (e): HomeFinding => ({
        code: 'quake_confirmation_pending',
        severity: 'critical',
        params: { count: e.prefectures.length, since: e.updatedAt },
        link: `/incidents/${encodeURIComponent(e.incidentId ?? '')}`,
      }),
    );
};
