import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  List,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { Locale } from '../../../domain/organization.js';
import type { ImportCommit, ImportJob } from '../../../shared/people.js';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { fileProblem } from '../../app/file-problem.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { ProblemAlert } from '../../app/problem-alert.js';
import { useCan } from '../../app/session.js';
import { exportUrl, PEOPLE_KEY } from './api.js';
import { personIssueMessage } from './labels.js';

const JOB_KEY = 'people-import';
const ERRORS_PAGE = 100;

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

function StepTitle({ step, title }: { step: number; title: string }) {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      <Text span c="dimmed" size="sm" fw={500} mr={8}>
        {t('people.importPage.step', { step, total: 3 })}
      </Text>
      {title}
    </Title>
  );
}

/** A CSV with only the header row in the chosen language (UTF-8 with BOM so Excel reads it). */
function templateHref(lang: Locale): string {
  const header = PEOPLE_FILE_COLUMNS.map((c) => c[lang]).join(',');
  return `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${header}\r\n`)}`;
}

function ChooseFile({ onUploaded }: { onUploaded: (job: ImportJob) => void }) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
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
  const lang = i18n.language === 'en' ? 'en' : 'ja';
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

      <Card withBorder padding="lg" component="section" aria-labelledby="import-columns">
        <Title order={2} size="h4" id="import-columns">
          {t('people.importPage.columnsTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('people.importPage.columnsHint')}
        </Text>
        {phone ? (
          <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {PEOPLE_FILE_COLUMNS.map((c) => (
              <li
                key={c.field}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '6px 0' }}
              >
                <Text size="sm" fw={600}>
                  <span lang="ja">{c.ja}</span> / <span lang="en">{c.en}</span>
                  {c.field === 'name' && (
                    <Badge ml={6} size="xs" variant="light" color="red">
                      {t('people.importPage.requiredColumn')}
                    </Badge>
                  )}
                </Text>
                <Text size="sm">{t(`people.importPage.columns.${c.field}`)}</Text>
              </li>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('people.importPage.headerJa')}</Table.Th>
                  <Table.Th scope="col">{t('people.importPage.headerEn')}</Table.Th>
                  <Table.Th scope="col">{t('people.importPage.content')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PEOPLE_FILE_COLUMNS.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>
                      <Text span size="sm" lang="ja" ff="monospace">
                        {c.ja}
                      </Text>
                      {c.field === 'name' && (
                        <Badge ml={6} size="xs" variant="light" color="red">
                          {t('people.importPage.requiredColumn')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text span size="sm" lang="en" ff="monospace">
                        {c.en}
                      </Text>
                    </Table.Td>
                    <Table.Td>{t(`people.importPage.columns.${c.field}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group mt="md" gap="sm">
          <Button
            variant="default"
            component="a"
            href={templateHref(lang)}
            download={lang === 'ja' ? 'people-template-ja.csv' : 'people-template-en.csv'}
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('people.importPage.template')}
          </Button>
          <Button
            variant="default"
            component="a"
            href={exportUrl('xlsx', lang)}
            download
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('people.importPage.currentXlsx')}
          </Button>
          <Button
            variant="default"
            component="a"
            href={exportUrl('csv', lang)}
            download
            leftSection={<IconDownload size={16} aria-hidden="true" />}
          >
            {t('people.importPage.currentCsv')}
          </Button>
        </Group>
      </Card>
    </Stack>
  );
}

const RUNNING = new Set<ImportJob['status']>(['pending', 'running']);

function JobView({ jobId, onRestart }: { jobId: string; onRestart: () => void }) {
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

  if (RUNNING.has(data.status)) {
    const percent =
      data.totalRows > 0 ? Math.min(100, Math.round((data.processedRows / data.totalRows) * 100)) : 0;
    return (
      <Card withBorder padding="lg" component="section" aria-labelledby="import-step-2">
        <div id="import-step-2">
          <StepTitle step={2} title={t('people.importPage.checkingTitle')} />
        </div>
        <Text size="sm" mt="xs" mb="md">
          {t('people.importPage.checkingHint', { file: data.fileName ?? '' })}
        </Text>
        <Progress
          value={percent}
          size="xl"
          animated
          aria-label={t('people.importPage.progressLabel')}
          aria-valuetext={t('people.importPage.progress', {
            done: data.processedRows.toLocaleString(),
            total: data.totalRows.toLocaleString(),
          })}
        />
        <Text size="sm" mt="xs" aria-live="polite">
          {data.totalRows > 0
            ? t('people.importPage.progress', {
                done: data.processedRows.toLocaleString(),
                total: data.totalRows.toLocaleString(),
              })
            : t('people.importPage.starting')}
        </Text>
      </Card>
    );
  }

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

  // done: the report.
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
                <Button loading={commit.isPending} onClick={() => commit.mutate('all')}>
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
                  loading={commit.isPending}
                  disabled={data.validCount === 0}
                  onClick={() => commit.mutate('valid_only')}
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

function BadRows({ errors }: { errors: ImportJob['errors'] }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(ERRORS_PAGE);
  const phone = useMediaQuery('(max-width: 36em)', false, { getInitialValueInEffect: false });
  const visible = errors.slice(0, shown);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-bad-rows">
      <Title order={2} size="h4" id="import-bad-rows">
        {t('people.importPage.badRowsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('people.importPage.badRowsHint')}
      </Text>
      {phone ? (
        <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {visible.map((e) => (
            <li
              key={`${e.row}-${e.field ?? ''}-${e.code}`}
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)', padding: '6px 0' }}
            >
              <Text size="sm" fw={600}>
                {t('people.importPage.rowColumn', {
                  row: e.row,
                  column: columnName(e.field, i18n.language) || '—',
                })}
              </Text>
              <Text size="sm">{personIssueMessage(t, e)}</Text>
            </li>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table striped verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={90}>
                  {t('people.importPage.row')}
                </Table.Th>
                <Table.Th scope="col" w={180}>
                  {t('people.importPage.column')}
                </Table.Th>
                <Table.Th scope="col">{t('people.importPage.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map((e) => (
                <Table.Tr key={`${e.row}-${e.field ?? ''}-${e.code}`}>
                  <Table.Td>{e.row}</Table.Td>
                  <Table.Td>{columnName(e.field, i18n.language)}</Table.Td>
                  <Table.Td>{personIssueMessage(t, e)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {errors.length > shown && (
        <Group mt="sm" gap="sm">
          <Text size="sm" c="dimmed">
            {t('people.importPage.showingErrors', { shown, total: errors.length })}
          </Text>
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => setShown((n) => n + ERRORS_PAGE * 5)}
          >
            {t('people.importPage.showMoreErrors')}
          </Anchor>
        </Group>
      )}
    </Card>
  );
}
