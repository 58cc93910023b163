import type { HomeStep } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { Db } from '../../db/database.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import { latestEdition, planContentHash } from './editions.js';
import { buildPlanDocument } from './service.js';

/** The latest edition and whether the plan as it is now still reads the same (same content hash). */
async function editionState(db: Db, orgId: string) {
  const latest = await latestEdition(db, orgId);
  if (!latest) return null;
  const current = planContentHash(await buildPlanDocument(db, orgId, 'ja'));
  return { latest, changed: current !== latest.contentHash };
}

/**
 * Home page, the IT-BCP's step (last of the path): issue the plan as an edition, and issue a new
 * one whenever the plan has changed since the latest.
 */
export const planSteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const s = await editionState(db, viewer.orgId);
  const step: HomeStep = {
    key: 'plan',
    state: !s ? 'not_started' : s.changed ? 'in_progress' : 'done',
    params: s ? { number: s.latest.number, date: s.latest.issuedOn } : {},
    link: '/plan',
  };
  return [step];
};

/**
 * Home page: the plan has changed since its latest edition, so the copy people keep (printed, on
 * a USB stick, offline on their phone) is out of date. Link: the IT-BCP page, to issue a new one.
 */
export const planFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const s = await editionState(db, viewer.orgId);
  if (!s?.changed) return [];
  return [
    {
      code: 'plan_changed_since_edition',
      severity: 'info',
      params: { number: s.latest.number, date: s.latest.issuedOn },
      link: '/plan',
    },
  ];
};
