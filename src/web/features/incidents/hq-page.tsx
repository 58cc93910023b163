import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ENTRY_KINDS, type EntryKind } from '../../../domain/incidents.js';
import { formatMinutes } from '../../../domain/recovery.js';
import type { Entry, HqTask, Incident, TrackerSystem } from '../../../shared/incidents.js';
import { API_BASE, ApiError, api } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { featureIssueText } from '../../app/feature-issues.js';
import { FormCard, SubmitRow } from '../../app/forms.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { useCan } from '../../app/session.js';
import { SafetySection } from '../safety/index.js';
import {
  INCIDENTS_KEY,
  useBoard,
  useChronology,
  useIncident,
  useIncidentEvents,
  useSystemOptions,
  useTracker,
} from './api.js';
import { ModeBadge, RtoStateBadge } from './badges.js';
import { incidentErrorText, incidentFieldErrors } from './issues.js';
import { fromLocalInput, toLocalInput } from './local-input.js';
import { QuakeConfirmation } from './quake-section.js';
import { RosterSection } from './roster-section.js';

type Lang = 'ja' | 'en';

/** /incidents/:id — the headquarters of one incident; every tab follows the live events. */
export function HqPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const incident = useIncident(id);
  useIncidentEvents();
  if (incident.isPending) return <PageSkeleton shape="page" />;
  if (incident.error) return <LoadError error={incident.error} onRetry={() => void incident.refetch()} />;
  const i = incident.data;
  return (
    <>
      <PageHeader
        title={i.title}
        description={t('incidents.hq.description', {
          type: t(`incidents.types.${i.type}`),
          began: formatDateTime(i.beganAt),
        })}
        actions={
          <Group gap="xs">
            <Button component={Link} to="report" variant="light" size="xs">
              {t('incidents.report.open')}
            </Button>
            <ModeBadge mode={i.mode} />
            <Badge
              variant={i.status === 'active' ? 'filled' : 'light'}
              color={i.status === 'active' ? 'red.9' : 'gray'}
            >
              {t(`incidents.statuses.${i.status}`)}
            </Badge>
          </Group>
        }
      />
      {i.type === 'earthquake' && i.mode === 'real' && <QuakeConfirmation incidentId={i.id} />}
      <Tabs defaultValue={location.hash === '#safety' ? 'safety' : 'chronology'} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="chronology">{t('incidents.tabs.chronology')}</Tabs.Tab>
          <Tabs.Tab value="tracker">{t('incidents.tabs.tracker')}</Tabs.Tab>
          <Tabs.Tab value="board">{t('incidents.tabs.board')}</Tabs.Tab>
          <Tabs.Tab value="roster">{t('incidents.tabs.roster')}</Tabs.Tab>
          <Tabs.Tab value="safety">{t('safety.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="chronology">
          <Chronology incidentId={i.id} active={i.status === 'active'} />
        </Tabs.Panel>
        <Tabs.Panel value="tracker">
          <RecoveryTracker incidentId={i.id} active={i.status === 'active'} />
        </Tabs.Panel>
        <Tabs.Panel value="board">
          <BoardPanel incidentId={i.id} active={i.status === 'active'} />
        </Tabs.Panel>
        <Tabs.Panel value="roster">
          <RosterSection incident={i} />
        </Tabs.Panel>
        <Tabs.Panel value="safety">
          <SafetySection incident={i} />
        </Tabs.Panel>
      </Tabs>
      {i.status === 'active' && can('incidents.write') && <CloseForm incident={i} />}
      {i.closeSummary && (
        <Alert mt="lg" title={t('incidents.close.summaryTitle')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {i.closeSummary}
          </Text>
        </Alert>
      )}
    </>
  );
}

/** Close the incident with what was learned; nothing more is written to it afterwards. */
function CloseForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [summary, setSummary] = useState('');
  const close = useMutation({
    mutationFn: () => api.post(`/incidents/${incident.id}/close`, { summary }, { ifMatch: incident.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
  const issue = close.error instanceof ApiError ? close.error.issues[0] : undefined;
  return (
    <FormCard mt="lg" onSubmit={() => close.mutate()}>
      <Stack gap="sm">
        <Title order={2} size="h3">
          {t('incidents.close.heading')}
        </Title>
        <Textarea
          label={t('incidents.close.summary')}
          description={t('incidents.close.hint')}
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
          error={issue ? featureIssueText(t, 'incidents', issue) : undefined}
          autosize
          minRows={2}
          required
        />
        {close.error && !issue && <Alert color="red">{errorMessage(t, close.error)}</Alert>}
        <SubmitRow variant="default" label={t('incidents.close.submit')} loading={close.isPending} />
      </Stack>
    </FormCard>
  );
}

function Chronology({ incidentId, active }: { incidentId: string; active: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const list = useChronology(incidentId);
  const [kind, setKind] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [correcting, setCorrecting] = useState<Entry | null>(null);
  const lang: Lang = useTranslation().i18n.language === 'en' ? 'en' : 'ja';
  const items = (list.data?.items ?? []).filter(
    (e) =>
      (!kind || e.kind === kind) &&
      (!q ||
        [e.text, e.fromParty, e.toParty, e.authorName, ...e.tags].some((x) =>
          x?.toLowerCase().includes(q.toLowerCase()),
        )),
  );
  return (
    <Stack>
      {active && can('incidents.write') && (
        <EntryForm incidentId={incidentId} correcting={correcting} onDone={() => setCorrecting(null)} />
      )}
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id="chronology-heading">
          <GlossaryTerm id="chronology">{t('glossary.terms.chronology')}</GlossaryTerm>
        </Title>
        <Group gap="xs" align="flex-end">
          <Select
            label={t('incidents.entry.kind')}
            clearable
            data={ENTRY_KINDS.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))}
            value={kind}
            onChange={setKind}
            w={140}
          />
          <TextInput
            label={t('incidents.entry.search')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={180}
          />
          <Button
            component="a"
            variant="default"
            href={`${API_BASE}/incidents/${incidentId}/chronology.csv?lang=${lang}`}
          >
            {t('incidents.entry.csv')}
          </Button>
          <Button
            component="a"
            variant="default"
            href={`${API_BASE}/incidents/${incidentId}/chronology.pdf?lang=${lang}`}
          >
            {t('incidents.entry.pdf')}
          </Button>
        </Group>
      </Group>
      {list.isPending ? (
        <PageSkeleton shape="table" />
      ) : list.error ? (
        <LoadError error={list.error} />
      ) : (
        <ResponsiveTable<Entry>
          labelledBy="chronology-heading"
          minWidth={720}
          rows={items}
          rowKey={(e) => e.id}
          rowProps={(e) => ({
            id: `entry-${e.id}`,
            ...(e.correctedById ? { c: 'dimmed', 'data-marked': true } : {}),
          })}
          columns={[
            {
              header: t('incidents.entry.text'),
              minWidth: 240,
              cell: (e) => (
                <Stack gap={2}>
                  <Text size="sm" td={e.correctedById ? 'line-through' : undefined} data-testid="entry-text">
                    {e.text}
                  </Text>
                  {e.correctedById && (
                    <Anchor size="xs" href={`#entry-${e.correctedById}`}>
                      {t('incidents.entry.correctedBy')}
                    </Anchor>
                  )}
                  {e.correctsId && <Text size="xs">{t('incidents.entry.isCorrection')}</Text>}
                </Stack>
              ),
            },
            {
              header: t('incidents.entry.occurredAt'),
              cell: (e) => formatDateTime(e.occurredAt),
              nowrap: true,
            },
            { header: t('incidents.entry.kind'), cell: (e) => t(`incidents.kinds.${e.kind}`) },
            {
              header: t('incidents.entry.fromTo'),
              cell: (e) => (e.fromParty || e.toParty ? `${e.fromParty ?? ''} → ${e.toParty ?? ''}` : ''),
            },
            { header: t('incidents.entry.handling'), cell: (e) => t(`incidents.handling.${e.handling}`) },
            { header: t('incidents.entry.author'), cell: (e) => e.authorName ?? '' },
          ]}
          actions={(e) =>
            active && can('incidents.write') && !e.correctedById ? (
              <Button size="compact-xs" variant="subtle" onClick={() => setCorrecting(e)}>
                {t('incidents.entry.correct')}
              </Button>
            ) : null
          }
        />
      )}
    </Stack>
  );
}

function EntryForm({
  incidentId,
  correcting,
  onDone,
}: {
  incidentId: string;
  correcting: Entry | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [occurred, setOccurred] = useState(toLocalInput(new Date()));
  const [kind, setKind] = useState<EntryKind>('information');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () =>
      api.post(`/incidents/${incidentId}/chronology`, {
        occurredAt: fromLocalInput(occurred),
        kind,
        fromParty: from || undefined,
        toParty: to || undefined,
        text,
        correctsId: correcting?.id,
      }),
    onSuccess: () => {
      setText('');
      setErrors({});
      onDone();
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
    onError: (err) => setErrors(incidentFieldErrors(t, err)),
  });
  return (
    <FormCard onSubmit={() => add.mutate()}>
      <Stack gap="sm">
        {correcting && (
          <Alert color="yellow" title={t('incidents.entry.correctingTitle')}>
            <Text size="sm">{correcting.text}</Text>
            <Button size="compact-xs" variant="subtle" onClick={onDone}>
              {t('incidents.entry.cancelCorrection')}
            </Button>
          </Alert>
        )}
        <Group align="flex-end" gap="xs">
          <TextInput
            type="datetime-local"
            label={t('incidents.entry.occurredAt')}
            value={occurred}
            onChange={(e) => setOccurred(e.currentTarget.value)}
            error={errors.occurredAt}
          />
          <Button variant="default" onClick={() => setOccurred(toLocalInput(new Date()))}>
            {t('incidents.entry.now')}
          </Button>
          <Select
            label={t('incidents.entry.kind')}
            data={ENTRY_KINDS.map((k) => ({ value: k, label: t(`incidents.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind((v as EntryKind) ?? 'information')}
            allowDeselect={false}
            w={140}
          />
          <TextInput
            label={t('incidents.entry.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={errors.fromParty}
          />
          <TextInput
            label={t('incidents.entry.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            error={errors.toParty}
          />
        </Group>
        <Textarea
          label={t('incidents.entry.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={errors.text ?? errors.correctsId}
          autosize
          minRows={2}
          required
        />
        {add.error && !(add.error instanceof ApiError && add.error.issues.length) && (
          <Alert color="red">{errorMessage(t, add.error)}</Alert>
        )}
        <SubmitRow
          label={correcting ? t('incidents.entry.saveCorrection') : t('incidents.entry.add')}
          loading={add.isPending}
        />
      </Stack>
    </FormCard>
  );
}

function RecoveryTracker({ incidentId, active }: { incidentId: string; active: boolean }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const tracker = useTracker(incidentId);
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ s, body }: { s: TrackerSystem; body: object }) =>
      api.patch(`/incidents/tracker/${s.id}`, body, { ifMatch: s.version }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
  const [removing, setRemoving] = useState<TrackerSystem | null>(null);
  const remove = useMutation({
    mutationFn: (s: TrackerSystem) => api.delete(`/incidents/tracker/${s.id}`),
    onSuccess: () => setRemoving(null),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
  if (tracker.isPending) return <PageSkeleton shape="table" />;
  if (tracker.error) return <LoadError error={tracker.error} />;
  const editable = active && can('incidents.write');
  const time = (m: number | null) => (m === null ? '—' : formatMinutes(Math.abs(m), lang));
  return (
    <Stack>
      <Title order={2} size="h3" id="tracker-heading">
        {t('incidents.tracker.heading')}
      </Title>
      <Text c="dimmed" size="sm">
        {t('incidents.tracker.explain')}
      </Text>
      {editable && (
        <AddTrackedSystem incidentId={incidentId} tracked={tracker.data.systems.map((s) => s.systemId)} />
      )}
      {change.error && <Alert color="red">{errorMessage(t, change.error)}</Alert>}
      <RtoWarnings systems={tracker.data.systems} time={time} />
      {tracker.data.systems.length === 0 ? (
        <Alert>{t('incidents.tracker.empty')}</Alert>
      ) : (
        <ResponsiveTable<TrackerSystem>
          labelledBy="tracker-heading"
          minWidth={760}
          rows={tracker.data.systems}
          rowKey={(s) => s.id}
          columns={[
            { header: t('incidents.tracker.system'), cell: (s) => `${s.order}. ${s.name}` },
            {
              header: t('incidents.tracker.priority'),
              cell: (s) => (s.priority ? <PriorityBadge priority={s.priority} /> : '—'),
            },
            { header: t('incidents.tracker.state'), cell: (s) => <RtoStateBadge state={s.state} /> },
            { header: t('incidents.tracker.elapsed'), cell: (s) => time(s.elapsedMinutes), nowrap: true },
            {
              header: t('incidents.tracker.left'),
              cell: (s) => leftText(t, s, time),
              nowrap: true,
            },
            {
              header: t('incidents.tracker.waitsFor'),
              cell: (s) => s.waitsFor.map((w) => w.name).join('、'),
            },
            {
              header: t('incidents.tracker.steps'),
              minWidth: 200,
              cell: (s) =>
                s.steps.length === 0 ? (
                  t('incidents.tracker.noProcedure')
                ) : (
                  <Stack gap={4}>
                    {s.steps.map((step) => (
                      <Checkbox
                        key={step.key}
                        size="xs"
                        label={step.title}
                        checked={step.doneAt !== null}
                        disabled={!editable || change.isPending}
                        onChange={(e) =>
                          change.mutate({
                            s,
                            body: { step: { key: step.key, done: e.currentTarget.checked } },
                          })
                        }
                      />
                    ))}
                  </Stack>
                ),
            },
          ]}
          actions={(s) =>
            editable ? (
              <Group gap="xs">
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => change.mutate({ s, body: { recovered: s.recoveredAt === null } })}
                >
                  {s.recoveredAt === null ? t('incidents.tracker.markBack') : t('incidents.tracker.markDown')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  onClick={() => setRemoving(s)}
                  aria-label={t('incidents.tracker.removeOne', { name: s.name })}
                >
                  {t('incidents.tracker.remove')}
                </Button>
              </Group>
            ) : null
          }
        />
      )}
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('incidents.tracker.removeTitle', { name: removing?.name ?? '' })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        <Text mb="md">{t('incidents.tracker.removeConfirm')}</Text>
        {remove.error && (
          <Alert color="red" mb="md">
            {errorMessage(t, remove.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRemoving(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => removing && remove.mutate(removing)}>
            {t('incidents.tracker.remove')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

/** Put one more system of the inventory on the tracker (a system is tracked once). */
function AddTrackedSystem({ incidentId, tracked }: { incidentId: string; tracked: string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useSystemOptions(true);
  const [systemId, setSystemId] = useState<string | null>(null);
  const left = (options.data ?? []).filter((o) => !tracked.includes(o.value));
  const add = useMutation({
    mutationFn: () => api.post(`/incidents/${incidentId}/tracker`, { systemId: systemId ?? '' }),
    onSuccess: () => {
      setSystemId(null);
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
  });
  const error = add.error ? incidentErrorText(t, add.error) : undefined;
  return (
    <Group
      align="flex-start"
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Select
        label={t('incidents.tracker.addLabel')}
        placeholder={t('incidents.tracker.addPlaceholder')}
        data={left}
        value={systemId}
        onChange={setSystemId}
        searchable
        nothingFoundMessage={t('incidents.tracker.noSystems')}
        error={error}
        miw={220}
      />
      <Button type="submit" mt={25} loading={add.isPending} disabled={!systemId}>
        {t('incidents.tracker.add')}
      </Button>
    </Group>
  );
}

/**
 * The time left of a system, or by how much it is over; once it is back, whether it came back in
 * time (its clock stopped then: "over" would read as still late).
 */
function leftText(t: TFunction, s: TrackerSystem, time: (m: number | null) => string): string {
  if (s.leftMinutes === null) return '—';
  if (s.state === 'recovered')
    return s.leftMinutes < 0
      ? t('incidents.tracker.backLate', { time: time(s.leftMinutes) })
      : t('incidents.tracker.backInTime');
  return s.leftMinutes < 0 ? t('incidents.tracker.over', { time: time(s.leftMinutes) }) : time(s.leftMinutes);
}

/** Systems near or past their target, said in plain words above the table (phones see them first). */
function RtoWarnings({
  systems,
  time,
}: {
  systems: readonly TrackerSystem[];
  time: (m: number | null) => string;
}) {
  const { t } = useTranslation();
  const breached = systems.filter((s) => s.state === 'breached');
  const warning = systems.filter((s) => s.state === 'warning');
  if (breached.length === 0 && warning.length === 0) return null;
  return (
    <Alert
      color={breached.length ? 'red' : 'orange'}
      title={t(breached.length ? 'incidents.tracker.breachedTitle' : 'incidents.tracker.warningsTitle')}
      data-testid="rto-warnings"
    >
      <Stack gap={4}>
        {breached.map((s) => (
          <Text key={s.id} size="sm">
            {t('incidents.tracker.breachedLine', { name: s.name, time: time(s.leftMinutes) })}
          </Text>
        ))}
        {warning.map((s) => (
          <Text key={s.id} size="sm">
            {t('incidents.tracker.warningLine', { name: s.name, time: time(s.leftMinutes) })}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function BoardPanel({ incidentId, active }: { incidentId: string; active: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const board = useBoard(incidentId);
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const add = useMutation({
    mutationFn: () => api.post(`/incidents/${incidentId}/tasks`, { title }),
    onSuccess: () => {
      setTitle('');
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
    },
  });
  const error = add.error ? incidentErrorText(t, add.error) : undefined;
  const status = useMutation({
    mutationFn: ({ task, next }: { task: HqTask; next: string }) =>
      api.patch(`/incidents/tasks/${task.id}`, { status: next }, { ifMatch: task.version }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY }),
  });
  if (board.isPending) return <PageSkeleton shape="table" />;
  if (board.error) return <LoadError error={board.error} />;
  const editable = active && can('incidents.write');
  return (
    <Stack>
      <Title order={2} size="h3" id="tasks-heading">
        {t('incidents.board.tasks')}
      </Title>
      {editable && (
        <Group
          align="flex-end"
          component="form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <TextInput
            label={t('incidents.board.taskTitle')}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={error}
          />
          <Button type="submit" loading={add.isPending}>
            {t('incidents.board.addTask')}
          </Button>
        </Group>
      )}
      <ResponsiveTable<HqTask>
        labelledBy="tasks-heading"
        minWidth={560}
        rows={board.data.tasks}
        rowKey={(x) => x.id}
        columns={[
          { header: t('incidents.board.taskTitle'), cell: (x) => x.title },
          { header: t('incidents.board.owner'), cell: (x) => x.ownerName ?? '' },
          {
            header: t('incidents.board.due'),
            cell: (x) => (x.dueAt ? formatDateTime(x.dueAt) : ''),
            nowrap: true,
          },
          {
            header: t('incidents.board.status'),
            cell: (x) =>
              editable ? (
                <Select
                  aria-label={t('incidents.board.status')}
                  size="xs"
                  data={(['todo', 'doing', 'done'] as const).map((v) => ({
                    value: v,
                    label: t(`incidents.taskStatuses.${v}`),
                  }))}
                  value={x.status}
                  allowDeselect={false}
                  onChange={(v) => v && status.mutate({ task: x, next: v })}
                />
              ) : (
                t(`incidents.taskStatuses.${x.status}`)
              ),
          },
        ]}
      />
      <Title order={2} size="h3" id="decisions-heading">
        {t('incidents.board.decisions')}
      </Title>
      <ResponsiveTable
        labelledBy="decisions-heading"
        minWidth={560}
        rows={board.data.decisions}
        rowKey={(d) => d.id}
        columns={[
          { header: t('incidents.board.decision'), cell: (d) => d.decision },
          { header: t('incidents.board.decidedAt'), cell: (d) => formatDateTime(d.decidedAt), nowrap: true },
          { header: t('incidents.board.decidedBy'), cell: (d) => d.decidedByName ?? '' },
          { header: t('incidents.board.basis'), cell: (d) => d.basis ?? '' },
        ]}
      />
    </Stack>
  );
}
