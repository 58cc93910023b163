import type { HomeFinding } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor } from '../home/service.js';
import { backupStatus } from './service.js';

/**
 * Home page, for owners and admins: each 3-2-1 warning about keizoku's own backups (none yet,
 * overdue, failed, never test-restored, no second copy …), the same as the backups page shows.
 */
export const backupFindings: FindingsContributor = async ({ db, config, viewer }) => {
  if (!can(viewer.role, 'backups.read')) return [];
  const status = await backupStatus(db, config);
  return status.warnings.map(
    (w): HomeFinding => ({
      code: 'backup_problem',
      severity: w.severity === 'danger' ? 'critical' : 'warning',
      params: { problem: w.code, days: w.days ?? null },
      link: '/backups',
    }),
  );
};
