import type { HomeFinding } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import { homeOverview } from './service.js';

/**
 * Home page, the step after the plan's: the security self-assessment. In progress once started,
 * done when every item of the newest assessment is decided.
 */
export const assessmentSteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const { latest } = await homeOverview(db, viewer.orgId);
  if (!latest) return [{ key: 'assessment', state: 'not_started', params: {}, link: '/assessment' }];
  return [
    {
      key: 'assessment',
      state: latest.decided === latest.itemCount ? 'done' : 'in_progress',
      params: { decided: latest.decided, total: latest.itemCount },
      link: `/assessment/${latest.id}`,
    },
  ];
};

/**
 * Home page: the actions of an assessment's plan past their deadline and not done, one finding per
 * assessment with how many and the oldest deadline, linked to its action plan.
 */
export const assessmentFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const { overdue, titles } = await homeOverview(db, viewer.orgId);
  const byAssessment = new Map<string, string[]>();
  for (const a of overdue)
    byAssessment.set(a.assessmentId, [...(byAssessment.get(a.assessmentId) ?? []), a.dueDate]);
  return [...byAssessment].map(
    ([id, dates]): HomeFinding => ({
      code: 'assessment_action_overdue',
      severity: 'warning',
      params: { title: titles.get(id) ?? '', count: dates.length, due: [...dates].sort()[0] ?? null },
      link: `/assessment/${id}/actions`,
    }),
  );
};
