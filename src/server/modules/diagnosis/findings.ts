import type { HomeFinding, HomeStep } from '../../../shared/home.js';
import { can } from '../../../shared/roles.js';
import type { FindingsContributor, StepsContributor } from '../home/service.js';
import * as repo from './repo.js';

/** Home page, the path's first step: the IT-dependency check, done once a result is saved. */
export const diagnosisSteps: StepsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const [latest] = await repo.listResults(db.kysely, viewer.orgId);
  const step: HomeStep = latest
    ? { key: 'diagnosis', state: 'done', params: { date: latest.taken_at }, link: '/diagnosis' }
    : { key: 'diagnosis', state: 'not_started', params: {}, link: '/diagnosis' };
  return [step];
};

/** Home page: each measure made a task that is past its due date and not done, with its owner. */
export const overdueTaskFindings: FindingsContributor = async ({ db, viewer }) => {
  if (!can(viewer.role, 'inventory.read')) return [];
  const tasks = await repo.listOverdueTasks(db.kysely, viewer.orgId, viewer.today);
  return tasks.map(
    (task): HomeFinding => ({
      code: 'task_overdue',
      severity: 'warning',
      params: { title: task.title, due: task.due_date, owner: task.owner_person_name },
      link: '/diagnosis#dx-tasks',
    }),
  );
};
