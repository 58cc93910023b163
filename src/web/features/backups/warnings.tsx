import { Alert, Group, Stack } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../shared/backups.js';

/** The findings a new backup fixes: these carry the 今すぐバックアップ button when one is given. */
const FIXED_BY_BACKUP: ReadonlySet<string> = new Set([
  'no_backup_yet',
  'backup_overdue',
  'latest_failed',
  'verify_failed',
]);

/** The 3-2-1 warnings, one plain sentence each, worst first; `fix` is offered next to those it fixes. */
export function BackupWarnings({
  status,
  compact = false,
  fix,
}: {
  status: BackupStatus;
  compact?: boolean;
  fix?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const warnings = [...status.warnings].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === 'danger' ? -1 : 1,
  );
  if (warnings.length === 0) return null;
  return (
    <Stack gap="xs">
      {warnings.map((w) => (
        <Alert
          key={w.code}
          color={w.severity === 'danger' ? 'red' : 'yellow'}
          variant="light"
          p={compact ? 'xs' : 'sm'}
          icon={
            w.severity === 'danger' ? (
              <IconAlertTriangle size={18} aria-hidden="true" />
            ) : (
              <IconInfoCircle size={18} aria-hidden="true" />
            )
          }
        >
          <Group justify="space-between" gap="xs">
            <span>
              {t(
                w.code === 'copy_overdue' && w.days === undefined
                  ? 'backups.warning.copy_never'
                  : `backups.warning.${w.code}`,
                { days: w.days ?? 0 },
              )}
            </span>
            {fix && FIXED_BY_BACKUP.has(w.code) && fix}
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
