import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconDatabase } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/errors.js';
import { useCan } from '../../app/session.js';
import { useBackupStatus } from './api.js';
import { BackupWarnings } from './warnings.js';

/**
 * The home page's card about keizoku's own backups (owners and admins only): when the last backup
 * and the last test restore were, and what is missing from the 3-2-1 rule. Self-contained: the
 * home page only places it.
 */
export function BackupCard() {
  const { t } = useTranslation();
  const can = useCan();
  const allowed = can('backups.read');
  const status = useBackupStatus(allowed);
  if (!allowed || !status.data) return null;
  const s = status.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="home-backups">
      <Stack gap="xs">
        <Group gap="xs">
          <IconDatabase size={20} aria-hidden="true" />
          <Title order={2} size="h4" id="home-backups">
            {t('backups.cardTitle')}
          </Title>
        </Group>
        <Text size="sm">
          {s.lastBackup
            ? t('backups.lastBackupAt', { at: formatDateTime(s.lastBackup.finishedAt) })
            : t('backups.noBackupYet')}
        </Text>
        {s.lastVerified && (
          <Text size="sm">
            <IconCircleCheck size={14} aria-hidden="true" style={{ verticalAlign: 'middle' }} />{' '}
            {t('backups.lastVerifiedAt', { at: formatDateTime(s.lastVerified.verifiedAt) })}
          </Text>
        )}
        <BackupWarnings status={s} compact />
        <Anchor component={Link} to="/backups" size="sm">
          {t('backups.seeDetails')}
        </Anchor>
      </Stack>
    </Card>
  );
}
