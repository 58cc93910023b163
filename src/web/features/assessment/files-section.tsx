import { Alert, Anchor, Button, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportResultSchema } from '../../../shared/assessment.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { ApiError, parsedApi } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { ASSESSMENT_KEY } from './api.js';

/** A problem of the imported file: an asset row's is said with its sheet and row. */
function importIssueText(t: TFunction, issue: FieldIssue): string {
  const message = featureIssueText(t, 'assessment', issue);
  const row = issue.params?.row;
  return row === undefined
    ? message
    : t('assessment.issues.atRow', { sheet: issue.params?.sheet ?? '', row, message });
}

/** The sheet as XLSX (laid out like the paper sheet), a filled sheet back in, and the PDF report. */
export function FilesSection({ id, write }: { id: string; write: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (f: File) => {
      const body = new FormData();
      body.append('file', f, f.name);
      return parsedApi.post(ImportResultSchema, `/assessments/${id}/import`, body);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ASSESSMENT_KEY }),
  });
  const err = upload.error;
  return (
    <section aria-labelledby="as-files">
      <Title order={2} size="h3" id="as-files" mb="xs">
        {t('assessment.filesTitle')}
      </Title>
      <Stack gap="xs">
        <Group gap="lg" wrap="wrap">
          <Anchor href={`/api/v1/assessments/${id}/sheet.xlsx?lang=${lang}`} download>
            {t('assessment.exportXlsx')}
          </Anchor>
          <Anchor href={`/api/v1/assessments/${id}/report.pdf?lang=${lang}`} download>
            {t('assessment.exportPdf')}
          </Anchor>
        </Group>
        {write && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (file) upload.mutate(file);
            }}
          >
            <Stack gap="xs" align="flex-start">
              <FileInput
                label={t('assessment.importLabel')}
                description={t('assessment.importHint')}
                accept=".xlsx"
                value={file}
                onChange={setFile}
                clearable
                w="100%"
                maw={480}
              />
              <Button type="submit" disabled={!file} loading={upload.isPending}>
                {t('assessment.import')}
              </Button>
            </Stack>
          </form>
        )}
        {upload.data && (
          <Text role="status" c="teal.8">
            {t('assessment.imported', upload.data)}{' '}
            {t('assessment.importedAssets', {
              added: upload.data.assetsAdded,
              updated: upload.data.assetsUpdated,
            })}
          </Text>
        )}
        {err && (
          <Alert color="red" role="alert">
            {err instanceof ApiError && err.issues.length ? (
              <List size="sm">
                {err.issues.map((i) => (
                  <List.Item key={i.path.join('.') + i.code}>{importIssueText(t, i)}</List.Item>
                ))}
              </List>
            ) : (
              errorMessage(t, err)
            )}
          </Alert>
        )}
      </Stack>
    </section>
  );
}
