import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { BackupRunSchema, BackupStatusSchema } from '../../../shared/backups.js';
import { parsedApi } from '../../app/api.js';

const BACKUPS_KEY = ['backups'] as const;

/** keizoku's own backups: last run, last verified restore, copies and warnings (GET /backups). */
export function useBackupStatus(enabled = true) {
  return useQuery({
    queryKey: BACKUPS_KEY,
    queryFn: () => parsedApi.get(BackupStatusSchema, '/backups'),
    enabled,
  });
}

/** 今すぐバックアップ: the scheduled routine, now (POST /backups answers the recorded run). */
export function useBackupNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => parsedApi.post(BackupRunSchema, '/backups'),
    onSettled: () => queryClient.invalidateQueries({ queryKey: BACKUPS_KEY }),
  });
}
