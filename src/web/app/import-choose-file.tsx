import { Button, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ImportJob, ImportJobSchema } from '../../shared/import-jobs.js';
import { parsedApi } from './api.js';
import { fileProblem } from './file-problem.js';
import { StepCard } from './import-step-card.js';
import type { ImportTarget } from './import-target.js';
import { ProblemAlert } from './problem-alert.js';

/**
 * Step 1 of any import: choose a CSV or XLSX file and upload it; a file the server refuses as a
 * whole says why here. `children` (the kind's columns) follow the card.
 */
export function ChooseFile({
  target,
  onUploaded,
  children,
}: {
  target: ImportTarget;
  onUploaded: (job: ImportJob) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorDetails, setErrorDetails] = useState<string[]>([]);
  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData();
      body.append('file', f, f.name);
      return parsedApi.post(ImportJobSchema, target.path, body);
    },
    onSuccess: onUploaded,
    onError: (err) => {
      // Name the headers that were missing, unknown or given twice, or the merged cells.
      const problem = fileProblem(t, err, target.headerWords);
      setError(problem.message);
      setErrorDetails(problem.details);
    },
  });
  const tooBig = file !== null && file.size > target.maxBytes;
  return (
    <Stack gap="lg">
      <StepCard step={1} title={t('imports.chooseTitle')}>
        <Text size="sm" mt="xs">
          {t('imports.formats', {
            rows: target.maxRows.toLocaleString(),
            mb: target.maxBytes / 1024 / 1024,
          })}
        </Text>
        <List size="sm" mt="xs" spacing={4}>
          {target.rules.map((rule) => (
            <List.Item key={rule}>{rule}</List.Item>
          ))}
          <List.Item>{t('imports.ruleEncoding')}</List.Item>
          <List.Item>{t('imports.ruleNothingUntilClean')}</List.Item>
        </List>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            setErrorDetails([]);
            if (!file) {
              setError(t('imports.noFile'));
              return;
            }
            if (tooBig) return;
            upload.mutate(file);
          }}
        >
          <Stack mt="md" gap="sm" maw={520}>
            {error && <ProblemAlert message={error} details={errorDetails} />}
            <FileInput
              label={target.fileLabel}
              description={t('imports.fileHint')}
              placeholder={t('imports.filePlaceholder')}
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={18} aria-hidden="true" />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setError(null);
              }}
              clearable
              clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
              error={tooBig ? t('imports.tooBig', { mb: target.maxBytes / 1024 / 1024 }) : undefined}
            />
            <Group>
              <Button
                type="submit"
                loading={upload.isPending}
                leftSection={<IconUpload size={16} aria-hidden="true" />}
              >
                {t('imports.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
      </StepCard>

      {children}
    </Stack>
  );
}
