import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ImportCommit, type ImportJob, ImportJobSchema } from '../../shared/import-jobs.js';
import { parsedApi } from './api.js';
import { errorMessage } from './errors.js';
import { ImportProgress } from './import-progress.js';
import { ImportReport } from './import-report.js';
import type { ImportTarget } from './import-target.js';
import { LoadError, PageLoader } from './page-state.js';

const JOB_KEY = 'import-job';
const RUNNING = new Set<ImportJob['status']>(['pending', 'running']);

/**
 * One uploaded file's import job (?job=…) of any kind: its progress while the server checks it,
 * then the report with its preview and the commit, or why it failed, or what it imported.
 */
export function JobView({
  target,
  jobId,
  onRestart,
}: {
  target: ImportTarget;
  jobId: string;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const job = useQuery({
    queryKey: [JOB_KEY, target.path, jobId],
    queryFn: () => parsedApi.get(ImportJobSchema, `${target.path}/${encodeURIComponent(jobId)}`),
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
      parsedApi.post(ImportJobSchema, `${target.path}/${encodeURIComponent(jobId)}/commit`, {
        mode,
      } satisfies ImportCommit),
    onSuccess: async (done) => {
      setCommitError(null);
      client.setQueryData([JOB_KEY, target.path, jobId], done);
      await client.invalidateQueries({ queryKey: [JOB_KEY, target.path, jobId] });
      for (const queryKey of target.invalidates) await client.invalidateQueries({ queryKey });
      notifications.show({ color: 'teal', message: target.committedToast });
    },
    onError: async (err) => {
      setCommitError(errorMessage(t, err));
      // The job may have moved on (committed in another tab): show its current state.
      await client.invalidateQueries({ queryKey: [JOB_KEY, target.path, jobId] });
    },
  });

  if (job.isPending) return <PageLoader />;
  if (job.isError) {
    return (
      <Stack align="flex-start">
        <LoadError error={job.error} onRetry={() => void job.refetch()} />
        <Button variant="default" onClick={onRestart}>
          {t('imports.chooseAnother')}
        </Button>
      </Stack>
    );
  }
  const data = job.data;

  if (RUNNING.has(data.status)) return <ImportProgress data={data} />;

  if (data.status === 'failed') {
    return (
      <Stack align="flex-start">
        <Alert color="red" role="alert" title={t('imports.failedTitle')}>
          {data.errors.length > 0 ? data.errors.map(target.issueMessage).join(' ') : t('imports.failed')}
        </Alert>
        <Button onClick={onRestart}>{t('imports.chooseAnother')}</Button>
      </Stack>
    );
  }

  if (data.status === 'committed') {
    return (
      <Card withBorder padding="lg" component="section">
        <Title order={2} size="h4">
          {t('imports.committedTitle')}
        </Title>
        <Text mt="xs" role="status">
          {target.committed({
            created: data.result?.created ?? 0,
            updated: data.result?.updated ?? 0,
            unchanged: data.result?.unchanged ?? 0,
          })}
        </Text>
        <Group mt="md">
          <Button component={Link} to={target.list.to}>
            {target.list.label}
          </Button>
          <Button variant="default" onClick={onRestart}>
            {t('imports.importAnother')}
          </Button>
        </Group>
      </Card>
    );
  }

  return (
    <ImportReport
      data={data}
      target={target}
      commitError={commitError}
      committing={commit.isPending}
      onCommit={(mode) => commit.mutate(mode)}
      onRestart={onRestart}
    />
  );
}
