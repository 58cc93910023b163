import { useQuery } from '@tanstack/react-query';
import { BackupPlanOverviewSchema } from '../../../shared/backup-plan.js';
import { parsedApi } from '../../app/api.js';

export const BACKUP_PLAN_KEY = ['backup-plan'] as const;

/** Every plan with its verdict, the systems without one, and the organization's summary. */
export function useBackupPlans() {
  return useQuery({
    queryKey: [...BACKUP_PLAN_KEY, 'overview'],
    queryFn: () => parsedApi.get(BackupPlanOverviewSchema, '/backup-plans'),
  });
}
