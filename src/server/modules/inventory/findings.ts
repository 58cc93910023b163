import { EOL_SOON_DAYS, eolStatus } from '../../../domain/eol.js';
import type { HomeFinding, HomeStep } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import * as repo from './repo.js';

/**
 * Home page, the path's second step: the operations and the systems they use. Done when there is
 * at least one of each and every operation is linked to something it needs.
 */
export const inventorySteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const p = await repo.inventoryProgress(db.kysely, viewer.orgId);
  const state: HomeStep['state'] =
    p.operations === 0 && p.systems === 0
      ? 'not_started'
      : p.operations > 0 && p.systems > 0 && p.unlinked === 0
        ? 'done'
        : 'in_progress';
  return [
    {
      key: 'inventory',
      state,
      params: { operations: p.operations, systems: p.systems, unlinked: p.unlinked },
      link:
        p.operations === 0 ? '/inventory/operations' : p.systems === 0 ? '/inventory/systems' : '/inventory',
    },
  ];
};

/** YYYY-MM-DD `days` after `date`. */
function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Home page: systems whose maker's support has ended, or ends within about six months. */
export const supportEndFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const rows = await repo.listSystemsEndingBy(db.kysely, viewer.orgId, addDays(viewer.today, EOL_SOON_DAYS));
  const out: HomeFinding[] = [];
  for (const s of rows) {
    const status = eolStatus(s.eol_date, viewer.today);
    if (!status) continue;
    out.push({
      code: status === 'ended' ? 'support_ended' : 'support_ending',
      severity: status === 'ended' ? 'warning' : 'info',
      params: { name: s.name, date: s.eol_date },
      link: '/inventory/systems',
    });
  }
  return out;
};
