import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportCommit, ImportJob } from '../../shared/import-jobs.js';
import { BadRows } from './import-bad-rows.js';
import { StepCard } from './import-step-card.js';
import type { ImportTarget } from './import-target.js';

/**
 * Step 3: how many rows are good and bad, and what importing would do (added, updated, unchanged);
 * nothing is written yet. A clean file imports in one go; otherwise fix the file and upload it
 * again, or import only the good rows. The bad rows are listed below.
 */
export function ImportReport({
  data,
  target,
  commitError,
  committing,
  onCommit,
  onRestart,
}: {
  data: ImportJob;
  target: ImportTarget;
  commitError: string | null;
  committing: boolean;
  onCommit: (mode: ImportCommit['mode']) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const clean = data.errorCount === 0;
  return (
    <Stack gap="lg">
      <StepCard step={3} title={t('imports.reportTitle')}>
        {data.fileName && (
          <Text size="sm" c="dimmed" mt={4}>
            {data.fileName}
          </Text>
        )}
        <SimpleGrid cols={{ base: 3 }} mt="md" maw={520}>
          <Count label={t('imports.total')} value={data.totalRows} />
          <Count label={t('imports.valid')} value={data.validCount} color="teal" />
          <Count label={t('imports.bad')} value={data.errorCount} color={clean ? undefined : 'red'} />
        </SimpleGrid>
        {data.preview && data.validCount > 0 && (
          <Text mt="md">
            {t('imports.preview', {
              created: data.preview.created.toLocaleString(),
              updated: data.preview.updated.toLocaleString(),
              unchanged: (data.preview.unchanged ?? 0).toLocaleString(),
            })}
          </Text>
        )}
        {commitError && (
          <Alert color="red" role="alert" mt="md">
            {commitError}
          </Alert>
        )}
        {clean ? (
          <Stack mt="md" gap="sm" align="flex-start">
            <Alert color="teal" role="status">
              {data.totalRows === 0
                ? t('imports.emptyFile')
                : t('imports.allGood', { count: data.validCount })}
            </Alert>
            <Group>
              {data.validCount > 0 && (
                <Button loading={committing} onClick={() => onCommit('all')}>
                  {target.importAll(data.validCount)}
                </Button>
              )}
              <Button variant="default" onClick={onRestart}>
                {t('imports.chooseAnother')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack mt="md" gap="sm">
            <Alert color="orange" role="status">
              {t('imports.hasErrors', { count: data.errorCount })}
            </Alert>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Card withBorder padding="md">
                <Text fw={600}>{t('imports.fixTitle')}</Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('imports.fixHint')}
                </Text>
                <Button
                  variant="default"
                  onClick={onRestart}
                  leftSection={<IconUpload size={16} aria-hidden="true" />}
                >
                  {t('imports.uploadFixed')}
                </Button>
              </Card>
              <Card withBorder padding="md">
                <Text fw={600}>{t('imports.validOnlyTitle')}</Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('imports.validOnlyHint', {
                    good: data.validCount.toLocaleString(),
                    bad: data.errorCount.toLocaleString(),
                  })}
                </Text>
                <Button
                  loading={committing}
                  disabled={data.validCount === 0}
                  onClick={() => onCommit('valid_only')}
                >
                  {t('imports.importValid', { count: data.validCount })}
                </Button>
              </Card>
            </SimpleGrid>
          </Stack>
        )}
      </StepCard>
      {data.errors.length > 0 && <BadRows errors={data.errors} target={target} />}
    </Stack>
  );
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700} c={color}>
        {value.toLocaleString()}
      </Text>
    </div>
  );
}
