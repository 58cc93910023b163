import type { Priority } from '../../../domain/bia.js';
import type { HomeFinding, HomeStep } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import { diff } from './diff.js';
import * as repo from './repo.js';
import { view } from './view.js';

/** S and A operations are the ones the company cannot do without for long: their gaps come first. */
const URGENT: ReadonlySet<Priority | null> = new Set(['S', 'A']);

/**
 * Home page, the BIA's two steps: rating the operations (how many of them have an importance) and
 * the sign-off (none yet, signed but changed since, or signed as it stands).
 */
export const biaSteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const v = await view(db, viewer.orgId);
  const total = v.operations.length;
  const assessed = total - v.unassessed.length;
  const bia: HomeStep = {
    key: 'bia',
    state: assessed === 0 ? 'not_started' : assessed < total ? 'in_progress' : 'done',
    params: { assessed, total },
    link: total === 0 ? '/inventory/operations' : '/bia/results',
  };
  const last = await repo.latestSignoff(db.kysely, viewer.orgId);
  let signoff: HomeStep = { key: 'signoff', state: 'not_started', params: {}, link: '/bia/signoff' };
  if (last) {
    const d = await diff(db, viewer.orgId);
    const changes = d.added.length + d.removed.length + d.changed.length;
    signoff = {
      ...signoff,
      state: changes > 0 ? 'in_progress' : 'done',
      params: { date: last.signed_at, changes },
    };
  }
  return [bia, signoff];
};

/**
 * Home page: every RTO inversion, named by the operation that suffers and its priority, what it
 * needs against what the slower part promises (link: the inversion with the promise's edit form
 * open); and a BIA that changed since its last sign-off.
 */
export const biaFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const v = await view(db, viewer.orgId);
  const names = new Map<string, string>([
    ...v.operations.map((o) => [o.id, o.name] as const),
    ...v.nodes.map((n) => [n.id, n.name] as const),
  ]);
  const operations = new Map(v.operations.map((o) => [o.id, o]));
  const out: HomeFinding[] = v.inversions.map((inv) => {
    const op = inv.operation ? operations.get(inv.operation) : undefined;
    return {
      code: 'rto_inversion',
      severity: URGENT.has(op?.priority ?? null) ? 'critical' : 'warning',
      params: {
        operation: op?.name ?? null,
        priority: op?.priority ?? null,
        dependant: names.get(inv.dependant) ?? inv.dependant,
        dependency: names.get(inv.dependency) ?? inv.dependency,
        need: inv.dependantRto,
        promise: inv.dependencyRto,
      },
      link: `/bia/inversions?fix=${encodeURIComponent(`${inv.dependant}>${inv.dependency}`)}`,
    };
  });
  const last = await repo.latestSignoff(db.kysely, viewer.orgId);
  if (last) {
    const d = await diff(db, viewer.orgId);
    const changes = d.added.length + d.removed.length + d.changed.length;
    if (changes > 0)
      out.push({
        code: 'bia_changed',
        severity: 'warning',
        params: { date: last.signed_at, changes },
        link: '/bia/signoff',
      });
  }
  return out;
};
