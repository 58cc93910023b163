import type { HomeFinding } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import { overview } from './service.js';

/** S and A systems are the ones whose data the company cannot do without. */
const URGENT = new Set(['S', 'A']);

const TEST_PROBLEMS = new Set(['restore_never', 'restore_stale', 'restore_failed']);

/**
 * Home page, the step after the BIA's: a backup plan for the systems. Done when every S and A
 * system has a plan and every plan meets 3-2-1.
 */
export const backupPlanSteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const o = await overview(db, viewer.orgId);
  const urgentUnplanned = o.summary.unplanned.filter((u) => u.priority !== null && URGENT.has(u.priority));
  const failing = o.plans.filter((p) => !p.verdict.passes321).length;
  return [
    {
      key: 'backup_plan',
      state:
        o.plans.length === 0
          ? 'not_started'
          : urgentUnplanned.length === 0 && failing === 0
            ? 'done'
            : 'in_progress',
      params: { planned: o.summary.planned, total: o.summary.total, passing: o.summary.passing },
      link: '/backup-plan',
    },
  ];
};

/**
 * Home page: S/A systems with no backup plan, plans that fail 3-2-1, backups that are not really
 * offline because production's network or credentials reach them (001), backups whose restore
 * was never tested, failed, or was tested more than a year ago, and backups taken less often than
 * the data loss the business accepts (the RPO), with the gap. Each links to the plan to fix.
 */
export const backupPlanFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const o = await overview(db, viewer.orgId);
  const out: HomeFinding[] = [];
  for (const u of o.summary.unplanned) {
    if (u.priority === null || !URGENT.has(u.priority)) continue;
    out.push({
      code: 'backup_plan_missing',
      severity: u.priority === 'S' ? 'critical' : 'warning',
      params: { name: u.name, priority: u.priority },
      link: `/backup-plan/new?system=${encodeURIComponent(u.id)}`,
    });
  }
  for (const p of o.plans) {
    const urgent = p.priority !== null && URGENT.has(p.priority);
    const link = `/backup-plan/${p.id}`;
    const codes = new Set(p.verdict.findings.map((f) => f.code));
    if (codes.has('reachable_not_offline') || codes.has('same_credentials_not_offline'))
      out.push({ code: 'backup_not_offline', severity: 'critical', params: { name: p.name }, link });
    if (!p.verdict.passes321)
      out.push({
        code: 'backup_321_failed',
        severity: urgent ? 'critical' : 'warning',
        params: { name: p.name, copies: p.verdict.copyCount, media: p.verdict.mediaCount },
        link,
      });
    const test = p.verdict.findings.find((f) => TEST_PROBLEMS.has(f.code));
    if (test)
      out.push({
        code: 'backup_restore_untested',
        severity: 'warning',
        params: { name: p.name, date: p.restoreTestedOn },
        link,
      });
    const rpo = p.verdict.findings.find((f) => f.code === 'frequency_misses_rpo');
    if (rpo?.params)
      out.push({
        code: 'backup_misses_rpo',
        severity: 'warning',
        params: {
          name: p.name,
          every: rpo.params.every ?? null,
          rpo: rpo.params.rpo ?? null,
          gap: rpo.params.gap ?? null,
        },
        link,
      });
  }
  return out;
};
