import { Button } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import { ChooseFile } from '../../app/import-choose-file.js';
import { JobView } from '../../app/import-job-view.js';
import type { ImportTarget } from '../../app/import-target.js';
import { PageHeader } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { PEOPLE_KEY } from './api.js';
import { FileColumns } from './file-columns.js';
import { personIssueMessage } from './labels.js';

/** The file's column name for an error's field, in the current language ('メールアドレス' / 'email'). */
function columnName(field: string | undefined, lang: string): string {
  if (!field) return '';
  const col = PEOPLE_FILE_COLUMNS.find(
    (c) =>
      c.field === field ||
      (field === 'siteId' && c.field === 'site') ||
      (field === 'departmentId' && c.field === 'department'),
  );
  if (!col) return field;
  return lang === 'en' ? col.en : col.ja;
}

/**
 * Import the directory from a CSV or XLSX file: choose → upload → checking (progress) → report →
 * import all / only the good rows, or fix the file and upload again. The job id is kept in the
 * address (?job=…), so reloading the page comes back to the same report.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');

  if (!can('people.write')) return <Navigate to="/people" replace />;
  const target: ImportTarget = {
    path: '/people/imports',
    maxBytes: IMPORT_MAX_BYTES,
    maxRows: IMPORT_MAX_ROWS,
    invalidates: [PEOPLE_KEY],
    list: { to: '/people', label: t('people.importPage.toDirectory') },
    fileLabel: t('people.importPage.file'),
    rules: [t('people.importPage.ruleHeader'), t('people.importPage.ruleUpdate')],
    headerWords: 'people.importPage.headers',
    importAll: (count) => t('people.importPage.importAll', { count }),
    committed: ({ created, updated }) =>
      t('people.importPage.committed', {
        created: created.toLocaleString(),
        updated: updated.toLocaleString(),
      }),
    committedToast: t('people.importPage.committedToast'),
    issueMessage: (e) => personIssueMessage(t, e),
    columnName: (field) => columnName(field, i18n.language),
  };
  return (
    <>
      <PageHeader
        title={t('people.importPage.title')}
        description={t('people.importPage.description')}
        actions={
          <Button
            variant="subtle"
            component={Link}
            to="/people"
            leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
          >
            {t('people.importPage.back')}
          </Button>
        }
      />
      {jobId ? (
        <JobView key={jobId} target={target} jobId={jobId} onRestart={() => setParams({})} />
      ) : (
        <ChooseFile target={target} onUploaded={(job) => setParams({ job: job.id })}>
          <FileColumns />
        </ChooseFile>
      )}
    </>
  );
}
