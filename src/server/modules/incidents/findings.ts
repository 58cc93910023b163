import type { HomeFinding, HomeStep } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import * as repo from './repo.js';
import { activeIncidents, tracker } from './service.js';

const hq = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/**
 * Home page, the incident headquarters' step (last on the path): has the company run a drill?
 * Not started until one is started; in progress while a drill is open; done once one is closed.
 */
export const drillSteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'incidents.read')) return [];
  const drills = await repo.listIncidents(db.kysely, viewer.orgId, 'drill');
  const closed = drills.filter((d) => d.status === 'closed');
  const step: HomeStep = {
    key: 'drill',
    state: closed.length > 0 ? 'done' : drills.length > 0 ? 'in_progress' : 'not_started',
    params: closed[0]?.closed_at ? { drills: closed.length, date: closed[0].closed_at } : { drills: 0 },
    link: '/incidents',
  };
  return [step];
};

/**
 * Home page, during an open incident: each open real incident (go to its headquarters; an open
 * drill is only information), and each system of an open real incident's recovery tracker that is
 * past 80 % of its target recovery time or past it (link: the headquarters).
 */
export const incidentFindings: FindingsContributor = async ({ db, viewer, now }) => {
  if (!can(viewer.role, 'incidents.read')) return [];
  const open = await activeIncidents(db.kysely, viewer.orgId);
  const out: HomeFinding[] = [];
  for (const i of open)
    out.push({
      code: i.mode === 'real' ? 'incident_active' : 'drill_active',
      severity: i.mode === 'real' ? 'critical' : 'info',
      params: { incident: i.title, since: i.began_at },
      link: hq(i.id),
    });
  for (const i of open.filter((x) => x.mode === 'real')) {
    const t = await tracker(db, viewer.orgId, i.id, now);
    for (const s of t.systems) {
      if ((s.state !== 'warning' && s.state !== 'breached') || s.leftMinutes === null) continue;
      out.push({
        code: s.state === 'breached' ? 'incident_rto_breached' : 'incident_rto_warning',
        severity: s.state === 'breached' ? 'critical' : 'warning',
        params: {
          incident: i.title,
          system: s.name,
          target: s.rto,
          // Plain minutes: the web app words them as a span ("1 hour"), not as a target ("1 hour or less").
          elapsed: s.elapsedMinutes,
          left: Math.abs(s.leftMinutes),
        },
        link: hq(i.id),
      });
    }
  }
  return out;
};
