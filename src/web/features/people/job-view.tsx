import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportCommit, ImportJob } from '../../../shared/people.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { PEOPLE_KEY } from './api.js';
import { ImportProgress } from './import-progress.js';
import { ImportReport } from './import-report.js';
import { personIssueMessage } from './labels.js';

const JOB_KEY = 'people-import';
const RUNNING = new Set<ImportJob['status']>(['pending', 'running']);

/**
 * One uploaded file's import job (?job=…): its progress while the server checks it, then the
 * report and the commit, or why it failed, or what it imported.
 */
export function JobView({ jobId, onRestart }: { jobId: string; onRestart: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const job = useQuery({
    queryKey: [JOB_KEY, jobId],
    queryFn: () => api.get<ImportJob>(`/people/imports/${encodeURIComponent(jobId)}`),
    // Poll while the server checks the rows; slower for big files to keep the load low.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data || RUNNING.has(data.status)) return data && data.totalRows > 5000 ? 1500 : 700;
      return false;
    },
  });
  const [commitError, setCommitError] = useState<string | null>(null);
  const commit = useMutation({
    mutationFn: (mode: ImportCommit['mode']) =>
      api.post<ImportJob>(`/people/imports/${encodeURIComponent(jobId)}/commit`, {
        mode,
      } satisfies ImportCommit),
    onSuccess: async (done) => {
      setCommitError(null);
      client.setQueryData([JOB_KEY, jobId], done);
      await client.invalidateQueries({ queryKey: [JOB_KEY, jobId] });
      await client.invalidateQueries({ queryKey: PEOPLE_KEY });
      notifications.show({ color: 'teal', message: t('people.importPage.committedToast') });
    },
    onError: async (err) => {
      setCommitError(errorMessage(t, err));
      // The job may have moved on (committed in another tab): show its current state.
      await client.invalidateQueries({ queryKey: [JOB_KEY, jobId] });
    },
  });

  if (job.isPending) return <PageLoader />;
  if (job.isError) {
    return (
      <Stack align="flex-start">
        <LoadError error={job.error} onRetry={() => void job.refetch()} />
        <Button variant="default" onClick={onRestart}>
          {t('people.importPage.chooseAnother')}
        </Button>
      </Stack>
    );
  }
  const data = job.data;

  if (RUNNING.has(data.status)) return <ImportProgress data={data} />;

  if (data.status === 'failed') {
    return (
      <Stack align="flex-start">
        <Alert color="red" role="alert" title={t('people.importPage.failedTitle')}>
          {data.errors.length > 0
            ? data.errors.map((e) => personIssueMessage(t, e)).join(' ')
            : t('people.importPage.failed')}
        </Alert>
        <Button onClick={onRestart}>{t('people.importPage.chooseAnother')}</Button>
      </Stack>
    );
  }

  if (data.status === 'committed') {
    return (
      <Card withBorder padding="lg" component="section">
        <Title order={2} size="h4">
          {t('people.importPage.committedTitle')}
        </Title>
        <Text mt="xs" role="status">
          {t('people.importPage.committed', {
            created: (data.result?.created ?? 0).toLocaleString(),
            updated: (data.result?.updated ?? 0).toLocaleString(),
          })}
        </Text>
        <Group mt="md">
          <Button component={Link} to="/people">
            {t('people.importPage.toDirectory')}
          </Button>
          <Button variant="default" onClick={onRestart}>
            {t('people.importPage.importAnother')}
          </Button>
        </Group>
      </Card>
    );
  }

  return (
    <ImportReport
      data={data}
      commitError={commitError}
      committing={commit.isPending}
      onCommit={(mode) => commit.mutate(mode)}
      onRestart={onRestart}
    />
  );
}
