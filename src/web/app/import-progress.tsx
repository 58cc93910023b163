import { Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../shared/import-jobs.js';
import { StepCard } from './import-step-card.js';

/** Step 2: the server checks the rows; how far it got. */
export function ImportProgress({ data }: { data: ImportJob }) {
  const { t } = useTranslation();
  const percent =
    data.totalRows > 0 ? Math.min(100, Math.round((data.processedRows / data.totalRows) * 100)) : 0;
  return (
    <StepCard step={2} title={t('imports.checkingTitle')}>
      <Text size="sm" mt="xs" mb="md">
        {t('imports.checkingHint', { file: data.fileName ?? '' })}
      </Text>
      <Progress
        value={percent}
        size="xl"
        animated
        aria-label={t('imports.progressLabel')}
        aria-valuetext={t('imports.progress', {
          done: data.processedRows.toLocaleString(),
          total: data.totalRows.toLocaleString(),
        })}
      />
      <Text size="sm" mt="xs" aria-live="polite">
        {data.totalRows > 0
          ? t('imports.progress', {
              done: data.processedRows.toLocaleString(),
              total: data.totalRows.toLocaleString(),
            })
          : t('imports.starting')}
      </Text>
    </StepCard>
  );
}
