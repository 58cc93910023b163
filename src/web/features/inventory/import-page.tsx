import { Button, Card, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFileSpreadsheet } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import type { Register } from '../../../domain/inventory.js';
import { REGISTERS } from '../../../domain/inventory.js';
import type { InventoryImportMode, InventoryImportReport } from '../../../shared/inventory.js';
import { INVENTORY_FILE_COLUMNS } from '../../../shared/inventory.js';
import { apiRequest, isApiError } from '../../app/api.js';
import { fileProblem } from '../../app/file-problem.js';
import { PageHeader } from '../../app/page-state.js';
import { ProblemAlert } from '../../app/problem-alert.js';
import { RowErrors } from '../../app/row-errors.js';
import { useCan } from '../../app/session.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';
import { featureIssueMessage } from '../graph/labels.js';
import { exportUrl } from './api.js';
import { fieldLabel } from './labels.js';

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * /inventory/:register/import — upload an XLSX file: it is checked first (nothing saved), the
 * row errors are listed, then the user imports every row (only if all are valid) or only the
 * valid rows. Rows are matched by name: an existing name is updated.
 */
export function InventoryImportPage() {
  const { register: param } = useParams();
  const register = REGISTERS.find((r) => r === param);
  const can = useCan();
  if (!register) return <Navigate to="/inventory/operations" replace />;
  if (!can('inventory.write')) return <Navigate to={`/inventory/${register}`} replace />;
  return <ImportView register={register} />;
}

function ImportView({ register }: { register: Register }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<InventoryImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errorDetails, setErrorDetails] = useState<string[]>([]);

  const send = useMutation({
    mutationFn: async (mode: InventoryImportMode) => {
      if (!file) throw new Error('no file');
      const body = new FormData();
      body.append('mode', mode);
      body.append('file', file);
      return (await apiRequest<InventoryImportReport>('POST', `/inventory/${register}/import`, { body }))
        .data;
    },
    onSuccess: async (r) => {
      setReport(r);
      setError(null);
      setErrorDetails([]);
      if (r.created + r.updated > 0) {
        await client.invalidateQueries({ queryKey: INVENTORY_KEY });
        await client.invalidateQueries({ queryKey: BIA_KEY });
      }
    },
    onError: (err) => {
      // Name the headers that were missing, unknown or given twice, or the merged cells.
      const problem = fileProblem(t, err, 'inventory.importPage.fileProblem');
      setError(problem.message);
      setErrorDetails(problem.details);
      if (isApiError(err, 'import_has_errors') && err.params) setReport(null);
    },
  });

  const columns = INVENTORY_FILE_COLUMNS[register];
  const saved = report && report.mode !== 'validate';

  return (
    <>
      <PageHeader
        title={t('inventory.importPage.title', { register: t(`inventory.registers.${register}`) })}
        description={t('inventory.importPage.description')}
        actions={
          <Button
            variant="subtle"
            component={Link}
            to={`/inventory/${register}`}
            leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
          >
            {t('inventory.importPage.back')}
          </Button>
        }
      />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('inventory.importPage.columns')}
            </Title>
            <List size="sm" spacing={2}>
              {columns.map((c) => (
                <List.Item key={c.field}>
                  <Text span fw={600} size="sm">
                    {i18n.language === 'en' ? c.en : c.ja}
                  </Text>{' '}
                  <Text span c="dimmed" size="sm">
                    — {fieldLabel(t, register, c.field)}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Text size="sm" c="dimmed">
              {t('inventory.importPage.columnsHint')}
            </Text>
            <Group>
              <Button
                variant="default"
                component="a"
                href={exportUrl(register, i18n.language)}
                download
                size="xs"
              >
                {t('inventory.importPage.template')}
              </Button>
            </Group>
          </Stack>
        </Card>
        <Card withBorder padding="md">
          <Stack gap="sm">
            <FileInput
              label={t('inventory.importPage.file')}
              placeholder={t('inventory.importPage.filePlaceholder')}
              styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden="true" />}
              value={file}
              clearable
              clearButtonProps={{ 'aria-label': t('inventory.importPage.clearFile') }}
              onChange={(f) => {
                setFile(f);
                setReport(null);
                setErrorDetails([]);
                setError(f && f.size > MAX_BYTES ? t('inventory.importPage.tooLarge') : null);
              }}
            />
            <Group>
              <Button
                disabled={!file || (file?.size ?? 0) > MAX_BYTES}
                loading={send.isPending && send.variables === 'validate'}
                onClick={() => send.mutate('validate')}
              >
                {t('inventory.importPage.check')}
              </Button>
            </Group>
          </Stack>
        </Card>
        {error && <ProblemAlert message={error} details={errorDetails} />}
        {report && (
          <Card withBorder padding="md" component="section" aria-labelledby="import-report">
            <Stack gap="sm">
              <Title order={2} size="h4" id="import-report">
                {t('inventory.importPage.report')}
              </Title>
              <Text role="status">
                {saved
                  ? t('inventory.importPage.savedSummary', {
                      created: report.created,
                      updated: report.updated,
                      unchanged: report.unchanged,
                    })
                  : t('inventory.importPage.summary', {
                      total: report.totalRows,
                      valid: report.validCount,
                      errors: report.errorCount,
                    })}
              </Text>
              {report.errors.length > 0 && (
                <RowErrors
                  errors={report.errors}
                  labelledBy="import-report"
                  words={{
                    row: t('inventory.importPage.row'),
                    column: t('inventory.importPage.field'),
                    reason: t('inventory.importPage.problem'),
                    rowColumn: (row, column) => t('inventory.importPage.rowColumn', { row, column }),
                    showing: (shown, total) => t('inventory.importPage.showingErrors', { shown, total }),
                    showMore: t('inventory.importPage.showMoreErrors'),
                  }}
                  columnName={(field) => (field ? fieldLabel(t, register, field) : '')}
                  reason={(e) => featureIssueMessage(t, e)}
                />
              )}
              {report.mode === 'validate' && report.validCount > 0 && (
                <Group>
                  <Button
                    disabled={report.errorCount > 0}
                    loading={send.isPending && send.variables === 'all'}
                    onClick={() => send.mutate('all')}
                  >
                    {t('inventory.importPage.importAll', { count: report.totalRows })}
                  </Button>
                  {report.errorCount > 0 && (
                    <Button
                      variant="default"
                      loading={send.isPending && send.variables === 'valid_only'}
                      onClick={() => send.mutate('valid_only')}
                    >
                      {t('inventory.importPage.importValid', { count: report.validCount })}
                    </Button>
                  )}
                </Group>
              )}
              {saved && (
                <Group>
                  <Button component={Link} to={`/inventory/${register}`}>
                    {t('inventory.importPage.toList')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        )}
      </Stack>
    </>
  );
}
