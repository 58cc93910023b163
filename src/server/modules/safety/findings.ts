import type { HomeFinding } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor } from '../home/service.js';
import * as repo from './repo.js';

/**
 * Home page: a real incident's safety request whose answer deadline has passed while people have
 * still not answered (someone may be hurt and unable to answer: call them). Drills are left out.
 */
export const safetyFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'incidents.read')) return [];
  const late = await repo.realRequestsPastDeadline(db.kysely, viewer.orgId, new Date().toISOString());
  const byIncident = new Map<string, { title: string; requestIds: string[] }>();
  for (const r of late) {
    const entry = byIncident.get(r.incident_id) ?? { title: r.incident_title, requestIds: [] };
    entry.requestIds.push(r.id);
    byIncident.set(r.incident_id, entry);
  }
  const out: HomeFinding[] = [];
  for (const [incidentId, { title, requestIds }] of byIncident) {
    const missing = await repo.countNonResponders(db.kysely, viewer.orgId, requestIds);
    if (missing > 0)
      out.push({
        code: 'safety_overdue',
        severity: 'critical',
        params: { incident: title, count: missing },
        link: `/incidents/${encodeURIComponent(incidentId)}#safety`,
      });
  }
  return out;
};
