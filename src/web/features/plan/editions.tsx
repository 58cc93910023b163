import {
  Anchor,
  Button,
  Card,
  Group,
  List,
  Menu,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconFileCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanChangeJson, PlanEdition } from '../../../shared/plan.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { formatDate } from '../../app/errors.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { LoadError, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { editionFileUrl, useEditionCompare, useIssueEdition, usePlanEditions, usePlanPolicy } from './api.js';

const FILE_FORMATS = ['pdf', 'docx', 'offline', 'xlsx'] as const;

/** One change in plain words (the texts quoted are the plan's own, in the edition's language). */
function changeText(t: TFunction, c: PlanChangeJson): string {
  const blank = (s: string) => (s === '' ? t('plan.compare.blank') : s);
  switch (c.kind) {
    case 'section_added':
    case 'section_removed':
      return t(`plan.compare.${c.kind}`);
    case 'text_added':
    case 'text_removed':
      return t(`plan.compare.${c.kind}`, { text: c.text });
    case 'table_added':
    case 'table_removed':
      return t(`plan.compare.${c.kind}`, { table: c.table, count: c.rows });
    case 'row_added':
    case 'row_removed':
      return t(`plan.compare.${c.kind}`, { table: c.table, row: c.row });
    case 'row_changed':
      return t('plan.compare.row_changed', {
        table: c.table,
        row: c.row,
        cells: c.cells
          .map((x) =>
            t('plan.compare.cell', { column: x.column, before: blank(x.before), after: blank(x.after) }),
          )
          .join(t('plan.compare.separator')),
      });
    case 'columns_changed':
      return t('plan.compare.columns_changed', { table: c.table, before: c.before, after: c.after });
  }
}

function Comparison({ editions }: { editions: PlanEdition[] }) {
  const { t } = useTranslation();
  const numbers = editions.map((e) => String(e.number));
  const [from, setFrom] = useState<string | null>(numbers[1] ?? null);
  const [to, setTo] = useState<string | null>(numbers[0] ?? null);
  const diff = useEditionCompare(from ? Number(from) : null, to ? Number(to) : null);
  const options = editions.map((e) => ({
    value: String(e.number),
    label: t('plan.editions.name', { number: e.number, date: formatDate(e.issuedOn) }),
  }));
  return (
    <Stack gap="sm" component="section" aria-labelledby="plan-compare">
      <Title order={3} size="h4" id="plan-compare">
        {t('plan.compare.title')}
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label={t('plan.compare.from')}
          data={options}
          value={from}
          onChange={setFrom}
          allowDeselect={false}
        />
        <Select
          label={t('plan.compare.to')}
          data={options}
          value={to}
          onChange={setTo}
          allowDeselect={false}
        />
      </Group>
      {diff.isPending ? null : diff.isError || !diff.data ? (
        <LoadError error={diff.error} onRetry={() => void diff.refetch()} />
      ) : diff.data.isUnchanged ? (
        <Text>{t('plan.compare.unchanged')}</Text>
      ) : (
        <Stack gap="sm" aria-label={t('plan.compare.result')} role="group">
          {diff.data.sections.map((s) => (
            <Stack key={s.id} gap={4}>
              <Text fw={600}>{s.title}</Text>
              <List spacing={2} size="sm">
                {s.changes.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: changes are plain texts in a fixed order
                  <List.Item key={i} style={{ overflowWrap: 'anywhere' }}>
                    {changeText(t, c)}
                  </List.Item>
                ))}
              </List>
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function IssueDialog({ opened, onClose, next }: { opened: boolean; onClose: () => void; next: number }) {
  const { t } = useTranslation();
  const policy = usePlanPolicy();
  const issue = useIssueEdition();
  const form = useForm({ initialValues: { approver: '', note: '' }, validate: { approver: required(t) } });
  const errors = useApiErrors(form);
  const approver = policy.data && !policy.data.isDefault ? policy.data.approver : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: refill only when the dialog opens
  useEffect(() => {
    if (opened) {
      form.setValues({ approver, note: '' });
      errors.clear();
    }
  }, [opened]);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('plan.issue.title', { number: next })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <ApiForm
        form={form}
        errors={errors}
        gap="sm"
        onSubmit={(values) =>
          issue.mutate(
            { approver: values.approver, ...(values.note.trim() ? { note: values.note } : {}) },
            {
              // The new edition appears at the top of the list, which says it was issued.
              onSuccess: () => onClose(),
              onError: (err) => errors.show(err),
            },
          )
        }
        intro={
          <>
            <Text>{t('plan.issue.body', { number: next, approver: form.values.approver || '—' })}</Text>
            {policy.data?.isDefault && <Text c="orange.9">{t('plan.issue.policyFirst')}</Text>}
          </>
        }
      >
        <TextInput label={t('plan.issue.approver')} {...form.getInputProps('approver')} />
        <Textarea label={t('plan.issue.note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={issue.isPending}>
            {t('plan.issue.confirm', { number: next })}
          </Button>
        </Group>
      </ApiForm>
    </Modal>
  );
}

function DownloadMenu({ edition }: { edition: PlanEdition }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
          aria-label={t('plan.editions.download', { number: edition.number })}
        >
          {t('plan.editions.downloadShort')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item component="a" href={editionFileUrl(edition.number, 'html')} target="_blank" rel="noopener">
          {t('plan.format.html')}
        </Menu.Item>
        {FILE_FORMATS.map((f) => (
          <Menu.Item key={f} component="a" href={editionFileUrl(edition.number, f)} download>
            {t(`plan.format.${f}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Issued editions: issue a new one, download any, compare two; the latest is kept offline. */
export function EditionsSection() {
  const { t } = useTranslation();
  const can = useCan();
  const editions = usePlanEditions();
  const [issuing, setIssuing] = useState(false);
  const items = editions.data?.items ?? [];
  const latest = items[0];
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="plan-editions">
      <Group justify="space-between" align="flex-start" wrap="wrap" mb="sm">
        <Title order={2} size="h3" id="plan-editions">
          {t('plan.editions.title')}
        </Title>
        {can('inventory.write') && (
          <Button
            leftSection={<IconFileCheck size={18} aria-hidden="true" />}
            onClick={() => setIssuing(true)}
          >
            {t('plan.issue.button')}
          </Button>
        )}
      </Group>
      <Text c="dimmed" mb="sm">
        {t('plan.editions.help')}
      </Text>
      {editions.isPending ? (
        <PageSkeleton shape="table" />
      ) : editions.isError ? (
        <LoadError error={editions.error} onRetry={() => void editions.refetch()} />
      ) : items.length === 0 ? (
        <Text>{t('plan.editions.none')}</Text>
      ) : (
        <Stack gap="lg">
          <ResponsiveTable
            labelledBy="plan-editions"
            minWidth={560}
            rows={items}
            rowKey={(e) => String(e.number)}
            columns={[
              {
                header: t('plan.editions.col.edition'),
                cell: (e) => t('plan.editions.number', { number: e.number }),
              },
              { header: t('plan.editions.col.issuedOn'), cell: (e) => formatDate(e.issuedOn), nowrap: true },
              { header: t('plan.editions.col.approver'), cell: (e) => e.approver },
              { header: t('plan.editions.col.issuedBy'), cell: (e) => e.issuedByName ?? '' },
              { header: t('plan.editions.col.note'), cell: (e) => e.note ?? '' },
            ]}
            actions={(e) => <DownloadMenu edition={e} />}
          />
          {latest && (
            <Text size="sm">
              {t('plan.editions.offline', { number: latest.number })}{' '}
              <Anchor href="/plan/offline">{t('plan.editions.openOffline')}</Anchor>
            </Text>
          )}
          {items.length >= 2 && <Comparison editions={items} />}
        </Stack>
      )}
      <IssueDialog opened={issuing} onClose={() => setIssuing(false)} next={(latest?.number ?? 0) + 1} />
    </Card>
  );
}
