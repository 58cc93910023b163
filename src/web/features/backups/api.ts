import { useQuery } from '@tanstack/react-query';
import type { BackupStatus } from '../../../shared/backups.js';
import { api } from '../../app/api.js';

const BACKUPS_KEY = ['backups'] as const;

/** keizoku's own backups: last run, last verified restore, copies and warnings (GET /backups). */
export function useBackupStatus(enabled = true) {
  return useQuery({
    queryKey: BACKUPS_KEY,
    queryFn: () => api.get<BackupStatus>('/backups'),
    enabled,
  });
}
