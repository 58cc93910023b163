import {
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
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
  IconSearch,
  IconShieldCheck,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import {
  AUDIT_ENTITY_TYPES,
  AUDIT_MODULE_IDS,
  type AuditActorsResponse,
  type AuditEntry,
  type AuditListResponse,
  type AuditVerifyResponse,
} from '../../../shared/audit.js';
import { api } from '../../app/api.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { LoadMoreButton } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { EntryDetails } from './entry-details.js';
import { entryTitle } from './entry-text.js';

interface Filters {
  module: string | null;
  entityType: string | null;
  actorUserId: string | null;
  /** Free text, sent once the reader pauses typing. */
  q: string;
  /** yyyy-mm-dd from the date inputs, in the reader's zone. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { module: null, entityType: null, actorUserId: null, q: '', from: '', to: '' };

/** The start of a local calendar day as an ISO instant; `plusDays` 1 gives the next midnight. */
function dayStart(date: string, plusDays = 0): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function listPath(f: Filters, cursor: string): string {
  const params = new URLSearchParams({ limit: '50' });
  if (f.module) params.set('module', f.module);
  if (f.entityType) params.set('entityType', f.entityType);
  if (f.actorUserId) params.set('actorUserId', f.actorUserId);
  if (f.q.trim()) params.set('q', f.q.trim().slice(0, 100));
  const from = dayStart(f.from);
  const to = dayStart(f.to, 1);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (cursor) params.set('cursor', cursor);
  return `/audit?${params.toString()}`;
}

/** The value after the reader has stopped changing it for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function AuditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const q = useSettled(filters.q, 300);
  const sent = { ...filters, q };
  const entries = useInfiniteQuery({
    queryKey: ['audit', sent],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => api.get<AuditListResponse>(listPath(sent, pageParam), { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: can('audit.read'),
  });
  const actors = useQuery({
    queryKey: ['audit', 'actors'],
    queryFn: ({ signal }) => api.get<AuditActorsResponse>('/audit/actors', { signal }),
    enabled: can('audit.read'),
  });
  if (!can('audit.read')) return <Navigate to="/" replace />;

  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const badRange = filters.from !== '' && filters.to !== '' && filters.from > filters.to;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Stack gap="md">
        <VerifyChain />
        <Card withBorder padding="md" component="section" aria-label={t('audit.filters')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            <TextInput
              type="search"
              label={t('audit.search')}
              description={t('audit.searchHint')}
              leftSection={<IconSearch size={16} aria-hidden="true" />}
              maxLength={100}
              value={filters.q}
              onChange={(e) => {
                const text = e.currentTarget.value;
                setFilters((f) => ({ ...f, q: text }));
              }}
            />
            <Select
              label={t('audit.module')}
              placeholder={t('audit.all')}
              data={AUDIT_MODULE_IDS.map((m) => ({ value: m, label: t(`audit.modules.${m}`) }))}
              value={filters.module}
              onChange={(module) => setFilters((f) => ({ ...f, module }))}
              clearable
            />
            <Select
              label={t('audit.entityType')}
              placeholder={t('audit.all')}
              data={AUDIT_ENTITY_TYPES.map((e) => ({ value: e, label: t(`audit.entityTypes.${e}`) }))}
              value={filters.entityType}
              onChange={(entityType) => setFilters((f) => ({ ...f, entityType }))}
              clearable
            />
            <Select
              label={t('audit.actor')}
              placeholder={t('audit.all')}
              data={(actors.data?.items ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
              value={filters.actorUserId}
              onChange={(actorUserId) => setFilters((f) => ({ ...f, actorUserId }))}
              searchable
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
          {filtered && (
            <Group justify="flex-end" mt="sm">
              <Button variant="subtle" size="sm" onClick={() => setFilters(NO_FILTERS)}>
                {t('audit.clearFilters')}
              </Button>
            </Group>
          )}
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
  const hasDetails = entry.changes.length > 0 || entry.details.length > 0;
  return (
    <li style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
      <UnstyledButton
        w="100%"
        py="sm"
        px="xs"
        mih={44}
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-controls={panelId}
        disabled={!hasDetails}
      >
        <Group wrap="nowrap" align="flex-start" gap="sm">
          <span aria-hidden="true" style={{ paddingTop: 2, visibility: hasDetails ? 'visible' : 'hidden' }}>
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </span>
          <div style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" justify="space-between" wrap="wrap">
              <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {entryTitle(t, entry)}
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
            </Group>
          </div>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open} id={panelId}>
        {open && (
          <div style={{ padding: '0 var(--mantine-spacing-xs) var(--mantine-spacing-sm) 34px' }}>
            <EntryDetails entry={entry} />
          </div>
        )}
      </Collapse>
    </li>
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
