import { Button } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { ChooseFile } from './choose-file.js';
import { JobView } from './job-view.js';

/**
 * Import the directory from a CSV or XLSX file: choose → upload → checking (progress) → report →
 * import all / only the good rows, or fix the file and upload again. The job id is kept in the
 * address (?job=…), so reloading the page comes back to the same report.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');

  if (!can('people.write')) return <Navigate to="/people" replace />;
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
        <JobView key={jobId} jobId={jobId} onRestart={() => setParams({})} />
      ) : (
        <ChooseFile onUploaded={(job) => setParams({ job: job.id })} />
      )}
    </>
  );
}
