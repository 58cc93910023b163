import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconChevronDown,
  IconChevronRight,
  IconCircleCheck,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import {
  type AuditEntry,
  type AuditListResponse,
  type AuditVerifyResponse,
  auditActionTitleKey,
} from '../../../shared/audit.js';
import { api } from '../../app/api.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { LoadMoreButton } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { entryTarget, type SummaryRow, summaryRows } from './summary.js';

/** Action prefixes the filter offers (the server matches the start of the action). */
const ACTION_GROUPS = [
  'person.',
  'people.import',
  'site.',
  'department.',
  'organization.',
  'member.',
  'invitation.',
  'user.',
  'auth.',
  'demo.',
] as const;
const ENTITY_TYPES = [
  'person',
  'import_job',
  'site',
  'department',
  'organization',
  'invitation',
  'user',
] as const;

interface Filters {
  action: string | null;
  entityType: string | null;
  /** yyyy-mm-dd from the date inputs, in the reader's zone. */
  from: string;
  to: string;
}

/** The start of a local calendar day as an ISO instant; `plusDays` 1 gives the next midnight. */
function dayStart(date: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function listPath(f: Filters, cursor: string): string {
  const params = new URLSearchParams({ limit: '50' });
  if (f.action) params.set('action', f.action);
  if (f.entityType) params.set('entityType', f.entityType);
  const from = dayStart(f.from);
  const to = dayStart(f.to, 1);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (cursor) params.set('cursor', cursor);
  return `/audit?${params.toString()}`;
}

/** Translated action ('person.update' → '人の情報を変更'), or the code itself when unknown. */
function actionLabel(t: (k: string, o?: Record<string, unknown>) => string, action: string): string {
  return t(`audit.actions.${auditActionTitleKey(action)}`, { defaultValue: action });
}

export function AuditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>({ action: null, entityType: null, from: '', to: '' });
  const entries = useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => api.get<AuditListResponse>(listPath(filters, pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: can('audit.read'),
  });
  if (!can('audit.read')) return <Navigate to="/" replace />;

  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const badRange = filters.from !== '' && filters.to !== '' && filters.from > filters.to;
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Stack gap="md">
        <VerifyChain />
        <Card withBorder padding="md" component="section" aria-label={t('audit.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <Select
              label={t('audit.action')}
              placeholder={t('audit.all')}
              data={ACTION_GROUPS.map((a) => ({
                value: a,
                label: t(`audit.actionGroups.${a.replace('.', '_')}`),
              }))}
              value={filters.action}
              onChange={(action) => setFilters((f) => ({ ...f, action }))}
              clearable
            />
            <Select
              label={t('audit.entityType')}
              placeholder={t('audit.all')}
              data={ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
              value={filters.entityType}
              onChange={(entityType) => setFilters((f) => ({ ...f, entityType }))}
              clearable
            />
            <TextInput
              type="date"
              label={t('audit.from')}
              value={filters.from}
              onChange={(e) => {
                const from = e.currentTarget.value;
                setFilters((f) => ({ ...f, from }));
              }}
            />
            <TextInput
              type="date"
              label={t('audit.to')}
              value={filters.to}
              error={badRange ? t('audit.badRange') : undefined}
              onChange={(e) => {
                const to = e.currentTarget.value;
                setFilters((f) => ({ ...f, to }));
              }}
            />
          </SimpleGrid>
        </Card>
        <section aria-label={t('audit.listLabel')}>
          {entries.isPending ? (
            <PageLoader />
          ) : entries.isError ? (
            <LoadError error={entries.error} onRetry={() => void entries.refetch()} />
          ) : items.length === 0 ? (
            <Text c="dimmed">{t('audit.empty')}</Text>
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((entry) => (
                <AuditRow key={entry.id} entry={entry} />
              ))}
            </Stack>
          )}
          <LoadMoreButton query={entries} />
        </section>
      </Stack>
    </>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const { changes, details } = summaryRows(entry.summary);
  const target = entryTarget(entry.summary);
  const hasSummary = changes.length > 0 || details.length > 0;
  return (
    <li style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <UnstyledButton
        w="100%"
        py="sm"
        px="xs"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!hasSummary}
      >
        <Group wrap="nowrap" align="flex-start" gap="sm">
          <span aria-hidden="true" style={{ paddingTop: 2, visibility: hasSummary ? 'visible' : 'hidden' }}>
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </span>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" justify="space-between" wrap="wrap">
              <Text fw={600} size="sm">
                {actionLabel(t, entry.action)}
              </Text>
              <Text size="xs" c="dimmed">
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </Text>
            </Group>
            <Group gap={6} mt={2} wrap="wrap">
              <Text size="xs" c="dimmed">
                {entry.actor ? entry.actor.displayName : t('audit.system')}
              </Text>
              <Badge size="xs" variant="light" color="gray">
                {t(`audit.entityTypes.${entry.entityType}`, { defaultValue: entry.entityType })}
              </Badge>
              {target && (
                <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                  {target}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                #{entry.seq}
              </Text>
            </Group>
          </div>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open} id={panelId}>
        {open && (
          <Stack gap="xs" px="xs" pb="sm" pl={34}>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('audit.actionCode')}: <Code>{entry.action}</Code>
              {entry.entityId && (
                <>
                  {' · '}
                  {t('audit.entityId')}: <Code>{entry.entityId}</Code>
                </>
              )}
            </Text>
            {changes.length > 0 && <SummaryTable rows={changes} withBefore />}
            {details.length > 0 && <SummaryTable rows={details} withBefore={false} />}
          </Stack>
        )}
      </Collapse>
    </li>
  );
}

/** Before/after values, always as text (React escapes them; nothing is parsed as HTML). */
function SummaryTable({ rows, withBefore }: { rows: SummaryRow[]; withBefore: boolean }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table fz="xs" verticalSpacing={4} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('audit.field')}</Table.Th>
            {withBefore && <Table.Th scope="col">{t('audit.before')}</Table.Th>}
            <Table.Th scope="col">{withBefore ? t('audit.after') : t('audit.value')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.field} bg={r.changed ? 'var(--mantine-color-yellow-0)' : undefined}>
              <Table.Td>
                <Code>{r.field}</Code>
              </Table.Td>
              {withBefore && (
                <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{r.before}</Table.Td>
              )}
              <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{r.after}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function VerifyChain() {
  const { t } = useTranslation();
  const verify = useMutation({ mutationFn: () => api.get<AuditVerifyResponse>('/audit/verify') });
  const result = verify.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="audit-verify">
      <Group justify="space-between" align="center" gap="sm">
        <div style={{ flex: 1, minWidth: 220 }}>
          <Title order={2} size="h5" id="audit-verify">
            {t('audit.verifyTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('audit.verifyHint')}
          </Text>
        </div>
        <Button
          variant="default"
          leftSection={<IconShieldCheck size={16} aria-hidden="true" />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
        >
          {t('audit.verify')}
        </Button>
      </Group>
      <div aria-live="polite">
        {verify.isError && (
          <Alert color="red" mt="sm" role="alert">
            {errorMessage(t, verify.error)}
          </Alert>
        )}
        {result?.ok && (
          <Alert color="teal" mt="sm" icon={<IconCircleCheck size={18} aria-hidden="true" />}>
            {t('audit.verifyOk', { count: result.checked })}
          </Alert>
        )}
        {result && !result.ok && (
          <Alert
            color="red"
            mt="sm"
            icon={<IconAlertTriangle size={18} aria-hidden="true" />}
            title={t('audit.verifyBrokenTitle')}
          >
            {result.firstBreak
              ? t('audit.verifyBroken', {
                  seq: result.firstBreak.seq,
                  reason: t(`audit.breakReasons.${result.firstBreak.reason}`),
                  count: result.checked,
                })
              : t('audit.verifyBrokenUnknown')}
          </Alert>
        )}
      </div>
    </Card>
  );
}
