import { Alert, Stack } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../shared/backups.js';

/** The 3-2-1 warnings, one plain sentence each, worst first. */
export function BackupWarnings({ status, compact = false }: { status: BackupStatus; compact?: boolean }) {
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
          {t(
            w.code === 'copy_overdue' && w.days === undefined
              ? 'backups.warning.copy_never'
              : `backups.warning.${w.code}`,
            { days: w.days ?? 0 },
          )}
        </Alert>
      ))}
    </Stack>
  );
}
