import type { Priority } from '../../../domain/bia.js';
import type { HomeFinding, HomeStep } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import { planState } from './service.js';

/** S and A systems are the ones a company cannot do without for long: they need a procedure. */
const URGENT: ReadonlySet<Priority | null> = new Set(['S', 'A']);
const minutes = (m: number) => ({ kind: 'duration' as const, minutes: m });

/**
 * Home page, the recovery plan's step (after the BIA's): how many systems have a procedure, and
 * how many of those cannot be back within their target recovery time.
 */
export const recoverySteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const p = await planState(db, viewer.orgId);
  const total = p.systems.length;
  const withProcedure = p.systems.filter((s) => s.procedureId !== null).length;
  const misses = p.systems.filter((s) => s.feasibility.verdict === 'misses').length;
  const step: HomeStep = {
    key: 'recovery',
    state: withProcedure === 0 ? 'not_started' : withProcedure < total || misses > 0 ? 'in_progress' : 'done',
    params: { total, withProcedure, misses },
    link: '/recovery',
  };
  return [step];
};

/**
 * Home page: each system whose provisional recovery (phase 1) is later than its target, with the
 * gap (link: its procedure); each priority S or A system without a procedure (link: create it).
 */
export const recoveryFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const p = await planState(db, viewer.orgId);
  const out: HomeFinding[] = [];
  for (const s of p.systems) {
    const f = s.feasibility;
    if (f.verdict === 'misses' && f.backAfterMinutes !== null && s.requiredRto)
      out.push({
        code: 'recovery_misses_target',
        severity: URGENT.has(s.priority) ? 'critical' : 'warning',
        params: {
          system: s.name,
          priority: s.priority,
          back: minutes(f.backAfterMinutes),
          target: s.requiredRto,
          gap: minutes(f.gapMinutes),
        },
        link: `/recovery/systems/${encodeURIComponent(s.id)}`,
      });
  }
  for (const s of p.systems)
    if (s.procedureId === null && URGENT.has(s.priority))
      out.push({
        code: 'recovery_no_procedure',
        severity: 'warning',
        params: { system: s.name, priority: s.priority },
        link: `/recovery/systems/${encodeURIComponent(s.id)}`,
      });
  return out;
};
