import { Button, Card, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../shared/people.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../../../shared/people.js';
import { api } from '../../app/api.js';
import { fileProblem } from '../../app/file-problem.js';
import { ProblemAlert } from '../../app/problem-alert.js';
import { FileColumns } from './file-columns.js';
import { StepTitle } from './import-step-title.js';

/** Step 1: choose a CSV or XLSX file and upload it; a file the server refuses says why here. */
export function ChooseFile({ onUploaded }: { onUploaded: (job: ImportJob) => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorDetails, setErrorDetails] = useState<string[]>([]);
  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData();
      body.append('file', f, f.name);
      return api.post<ImportJob>('/people/imports', body);
    },
    onSuccess: onUploaded,
    onError: (err) => {
      // Name the headers that were missing, unknown or given twice, or the merged cells.
      const problem = fileProblem(t, err, 'people.importPage.headers');
      setError(problem.message);
      setErrorDetails(problem.details);
    },
  });
  const tooBig = file !== null && file.size > IMPORT_MAX_BYTES;
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="import-step-1">
        <div id="import-step-1">
          <StepTitle step={1} title={t('people.importPage.chooseTitle')} />
        </div>
        <Text size="sm" mt="xs">
          {t('people.importPage.formats', {
            rows: IMPORT_MAX_ROWS.toLocaleString(),
            mb: IMPORT_MAX_BYTES / 1024 / 1024,
          })}
        </Text>
        <List size="sm" mt="xs" spacing={4}>
          <List.Item>{t('people.importPage.ruleHeader')}</List.Item>
          <List.Item>{t('people.importPage.ruleEncoding')}</List.Item>
          <List.Item>{t('people.importPage.ruleUpdate')}</List.Item>
          <List.Item>{t('people.importPage.ruleNothingUntilClean')}</List.Item>
        </List>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            setErrorDetails([]);
            if (!file) {
              setError(t('people.importPage.noFile'));
              return;
            }
            if (tooBig) return;
            upload.mutate(file);
          }}
        >
          <Stack mt="md" gap="sm" maw={520}>
            {error && <ProblemAlert message={error} details={errorDetails} />}
            <FileInput
              label={t('people.importPage.file')}
              description={t('people.importPage.fileHint')}
              placeholder={t('people.importPage.filePlaceholder')}
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileSpreadsheet size={18} aria-hidden="true" />}
              value={file}
              onChange={(f) => {
                setFile(f);
                setError(null);
              }}
              clearable
              clearButtonProps={{ 'aria-label': t('people.importPage.clearFile') }}
              error={
                tooBig ? t('people.importPage.tooBig', { mb: IMPORT_MAX_BYTES / 1024 / 1024 }) : undefined
              }
            />
            <Group>
              <Button
                type="submit"
                loading={upload.isPending}
                leftSection={<IconUpload size={16} aria-hidden="true" />}
              >
                {t('people.importPage.upload')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      <FileColumns />
    </Stack>
  );
}
