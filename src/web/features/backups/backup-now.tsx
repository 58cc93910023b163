import { Alert, Button } from '@mantine/core';
import { IconCircleCheck, IconDatabaseExport, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/errors.js';
import type { useBackupNow } from './api.js';

type BackupNow = ReturnType<typeof useBackupNow>;

/** The 今すぐバックアップ button; `primary` on the page header, lighter next to a warning. */
export function BackupNowButton({ backupNow, primary = false }: { backupNow: BackupNow; primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button
      variant={primary ? 'filled' : 'light'}
      size={primary ? 'sm' : 'xs'}
      leftSection={<IconDatabaseExport size={primary ? 18 : 14} aria-hidden="true" />}
      loading={backupNow.isPending}
      onClick={() => backupNow.mutate()}
    >
      {t('backups.now.button')}
    </Button>
  );
}

/** What the last click did, in plain words: made and test-restored, or the recorded reason. */
export function BackupNowResult({ backupNow }: { backupNow: BackupNow }) {
  const { t } = useTranslation();
  if (backupNow.isPending) return <Alert variant="light">{t('backups.now.running')}</Alert>;
  if (backupNow.isError)
    return (
      <Alert color="red" variant="light" icon={<IconX size={18} aria-hidden="true" />} role="alert">
        {errorMessage(t, backupNow.error)}
      </Alert>
    );
  const run = backupNow.data;
  if (!run) return null;
  if (run.status === 'ok' && run.verifyStatus === 'ok' && run.copyStatus !== 'failed')
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} aria-hidden="true" />}
        role="status"
      >
        {t('backups.now.ok')}
      </Alert>
    );
  const reason = run.error ?? (run.verifyStatus === 'failed' ? run.verifyDetail : null);
  return (
    <Alert color="red" variant="light" icon={<IconX size={18} aria-hidden="true" />} role="alert">
      {run.status === 'ok' && run.verifyStatus === 'failed'
        ? t('backups.now.verifyFailed', { reason: reason ?? '' })
        : t('backups.now.failed', { reason: reason ?? '' })}
    </Alert>
  );
}
