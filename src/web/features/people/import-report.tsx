import { Alert, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportCommit, ImportJob } from '../../../shared/people.js';
import { BadRows } from './bad-rows.js';
import { StepTitle } from './import-step-title.js';

/**
 * Step 3: how many rows are good and bad. A clean file imports in one go; otherwise fix the file
 * and upload it again, or import only the good rows. The bad rows are listed below.
 */
export function ImportReport({
  data,
  commitError,
  committing,
  onCommit,
  onRestart,
}: {
  data: ImportJob;
  commitError: string | null;
  committing: boolean;
  onCommit: (mode: ImportCommit['mode']) => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const clean = data.errorCount === 0;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="import-step-3">
        <div id="import-step-3">
          <StepTitle step={3} title={t('people.importPage.reportTitle')} />
        </div>
        {data.fileName && (
          <Text size="sm" c="dimmed" mt={4}>
            {data.fileName}
          </Text>
        )}
        <SimpleGrid cols={{ base: 3 }} mt="md" maw={520}>
          <Count label={t('people.importPage.total')} value={data.totalRows} />
          <Count label={t('people.importPage.valid')} value={data.validCount} color="teal" />
          <Count
            label={t('people.importPage.bad')}
            value={data.errorCount}
            color={clean ? undefined : 'red'}
          />
        </SimpleGrid>
        {commitError && (
          <Alert color="red" role="alert" mt="md">
            {commitError}
          </Alert>
        )}
        {clean ? (
          <Stack mt="md" gap="sm" align="flex-start">
            <Alert color="teal" role="status">
              {data.totalRows === 0
                ? t('people.importPage.emptyFile')
                : t('people.importPage.allGood', { count: data.validCount })}
            </Alert>
            <Group>
              {data.validCount > 0 && (
                <Button loading={committing} onClick={() => onCommit('all')}>
                  {t('people.importPage.importAll', { count: data.validCount })}
                </Button>
              )}
              <Button variant="default" onClick={onRestart}>
                {t('people.importPage.chooseAnother')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack mt="md" gap="sm">
            <Alert color="orange" role="status">
              {t('people.importPage.hasErrors', { count: data.errorCount })}
            </Alert>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Card withBorder padding="md">
                <Text fw={600}>{t('people.importPage.fixTitle')}</Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('people.importPage.fixHint')}
                </Text>
                <Button
                  variant="default"
                  onClick={onRestart}
                  leftSection={<IconUpload size={16} aria-hidden="true" />}
                >
                  {t('people.importPage.uploadFixed')}
                </Button>
              </Card>
              <Card withBorder padding="md">
                <Text fw={600}>{t('people.importPage.validOnlyTitle')}</Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('people.importPage.validOnlyHint', {
                    good: data.validCount.toLocaleString(),
                    bad: data.errorCount.toLocaleString(),
                  })}
                </Text>
                <Button
                  loading={committing}
                  disabled={data.validCount === 0}
                  onClick={() => onCommit('valid_only')}
                >
                  {t('people.importPage.importValid', { count: data.validCount })}
                </Button>
              </Card>
            </SimpleGrid>
          </Stack>
        )}
      </Card>
      {data.errors.length > 0 && <BadRows errors={data.errors} />}
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
