import { Badge, Card, Code, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { BackupRun } from '../../../shared/backups.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { formatDateTime } from '../../app/errors.js';
import { GlossaryTerms } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { TitledSection } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { useBackupNow, useBackupStatus } from './api.js';
import { BackupNowButton, BackupNowResult } from './backup-now.js';
import { BackupWarnings } from './warnings.js';

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Card>
  );
}

/** keizoku's own backups: where the copies are, the last good ones, and every recent run. */
export function BackupsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const status = useBackupStatus(can('backups.read'));
  const backupNow = useBackupNow();
  const mayRun = can('backups.run');
  if (!can('backups.read')) return <Navigate to="/" replace />;
  const s = status.data;
  const verifyLabel = (r: BackupRun) => t(`backups.verify.${r.verifyStatus}`);
  const copyLabel = (r: BackupRun) => t(`backups.copy.${r.copyStatus}`);
  return (
    <>
      <PageHeader
        title={t('nav.backups')}
        description={t('backups.description')}
        actions={mayRun && <BackupNowButton backupNow={backupNow} primary />}
      />
      <GlossaryTerms ids={['three-two-one', 'mfa']} />
      {status.isPending ? (
        <PageSkeleton shape="table" />
      ) : status.isError || !s ? (
        <LoadError error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <Stack gap="xl">
          <BackupNowResult backupNow={backupNow} />
          <BackupWarnings status={s} fix={mayRun && <BackupNowButton backupNow={backupNow} />} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Fact label={t('backups.lastBackup')}>
              {s.lastBackup ? formatDateTime(s.lastBackup.finishedAt) : t('backups.none')}
            </Fact>
            <Fact label={t('backups.lastVerified')}>
              {s.lastVerified ? formatDateTime(s.lastVerified.verifiedAt) : t('backups.none')}
            </Fact>
            <Fact label={t('backups.schedule')}>
              {s.schedule.at
                ? t('backups.scheduleAt', { at: s.schedule.at, zone: s.schedule.timeZone })
                : t('backups.scheduleOff')}
            </Fact>
            <Fact label={t('backups.encryption')}>
              {s.encrypted ? t('backups.encrypted') : t('backups.notEncrypted')}
            </Fact>
            <Fact label={t('backups.firstPlace')}>
              <Code>{s.directory}</Code>
            </Fact>
            <Fact label={t('backups.secondPlace')}>
              {s.copyDirectory ? <Code>{s.copyDirectory}</Code> : t('backups.notConfigured')}
              {s.lastCopy && (
                <Text size="sm" c="dimmed" fw={400}>
                  {t('backups.lastCopyAt', { at: formatDateTime(s.lastCopy.finishedAt) })}
                </Text>
              )}
            </Fact>
          </SimpleGrid>
          <TitledSection
            id="backup-runs"
            title={t('backups.runs')}
            empty={s.runs.length === 0 ? t('backups.noRuns') : undefined}
          >
            <ResponsiveTable
              labelledBy="backup-runs"
              minWidth={640}
              rows={s.runs}
              rowKey={(r) => r.id}
              columns={[
                { header: t('backups.col.when'), cell: (r) => formatDateTime(r.startedAt) },
                {
                  header: t('backups.col.result'),
                  cell: (r) => (
                    <Badge color={r.status === 'ok' ? 'teal' : 'red'} variant="light">
                      {t(`backups.status.${r.status}`)}
                    </Badge>
                  ),
                },
                {
                  header: t('backups.col.verify'),
                  cell: (r) => <span title={r.verifyDetail ?? undefined}>{verifyLabel(r)}</span>,
                },
                { header: t('backups.col.copy'), cell: (r) => copyLabel(r) },
                {
                  header: t('backups.col.file'),
                  cell: (r) => (
                    <span style={{ overflowWrap: 'anywhere' }}>
                      {r.fileName} {sizeText(r.bytes)}
                    </span>
                  ),
                },
              ]}
            />
          </TitledSection>
          <Text size="sm" c="dimmed">
            {t('backups.howToRestore')}
          </Text>
        </Stack>
      )}
    </>
  );
}
