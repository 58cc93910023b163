import { Button, Group, List, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import type { Register } from '../../../domain/inventory.js';
import { REGISTERS } from '../../../domain/inventory.js';
import {
  INVENTORY_FILE_COLUMNS,
  INVENTORY_IMPORT_MAX_BYTES,
  INVENTORY_IMPORT_MAX_ROWS,
} from '../../../shared/inventory.js';
import { ChooseFile } from '../../app/import-choose-file.js';
import { JobView } from '../../app/import-job-view.js';
import type { ImportTarget } from '../../app/import-target.js';
import { PageHeader } from '../../app/page-state.js';
import { SectionCard } from '../../app/section-card.js';
import { useCan } from '../../app/session.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';
import { featureIssueMessage } from '../graph/labels.js';
import { exportUrl } from './api.js';
import { fieldLabel } from './labels.js';

/**
 * /inventory/:register/import — the same import job as the people directory's: choose an XLSX or
 * CSV file → the server checks every row (nothing saved) → the report lists each bad row by row and
 * column and says what importing would add, update or leave → import every row (only when all are
 * good) or only the good ones. The job id is kept in the address (?job=…), so the user can come
 * back to the report. Rows are matched by name: an existing name is updated.
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
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const registerName = t(`inventory.registers.${register}`);
  const target: ImportTarget = {
    path: `/inventory/${register}/imports`,
    maxBytes: INVENTORY_IMPORT_MAX_BYTES,
    maxRows: INVENTORY_IMPORT_MAX_ROWS,
    invalidates: [INVENTORY_KEY, BIA_KEY],
    list: { to: `/inventory/${register}`, label: t('inventory.importPage.toList') },
    fileLabel: t('inventory.importPage.file'),
    rules: [t('inventory.importPage.ruleHeader'), t('inventory.importPage.ruleUpdate')],
    headerWords: 'inventory.importPage.fileProblem',
    importAll: (count) => t('inventory.importPage.importAll', { count }),
    committed: (result) => t('inventory.importPage.savedSummary', result),
    committedToast: t('inventory.importPage.committedToast', { register: registerName }),
    issueMessage: (e) => featureIssueMessage(t, e),
    columnName: (field) => (field ? fieldLabel(t, register, field) : ''),
  };

  return (
    <>
      <PageHeader
        title={t('inventory.importPage.title', { register: registerName })}
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
      {jobId ? (
        <JobView key={jobId} target={target} jobId={jobId} onRestart={() => setParams({})} />
      ) : (
        <ChooseFile target={target} onUploaded={(job) => setParams({ job: job.id })}>
          <RegisterColumns register={register} />
        </ChooseFile>
      )}
    </>
  );
}

/** The register's file columns, by their header in the current language, and a template to start from. */
function RegisterColumns({ register }: { register: Register }) {
  const { t, i18n } = useTranslation();
  return (
    <SectionCard
      id="import-columns"
      title={t('inventory.importPage.columns')}
      hint={t('inventory.importPage.columnsHint')}
    >
      <List size="sm" spacing={2}>
        {INVENTORY_FILE_COLUMNS[register].map((c) => (
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
      <Group mt="sm">
        <Button variant="default" component="a" href={exportUrl(register, i18n.language)} download size="xs">
          {t('inventory.importPage.template')}
        </Button>
      </Group>
    </SectionCard>
  );
}
