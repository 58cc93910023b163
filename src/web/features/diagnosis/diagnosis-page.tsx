import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type MeasureScreen, TASK_STATUSES } from '../../../domain/tier-diagnosis.js';
import {
  type Checklist,
  type ChecklistItemState,
  type DiagnosisResult,
  type Questionnaire,
  type Task,
  TaskListSchema,
} from '../../../shared/diagnosis.js';
import { allPages, api, isApiError } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { localDateAfter } from '../../app/dates.js';
import { errorMessage, formatDate, formatDateTime } from '../../app/errors.js';
import { GlossaryTerms } from '../../app/glossary-term.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { ErrorBanner, ListStates } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { featureIssueMessage } from '../graph/labels.js';
import { usePeopleOptions } from '../people/api.js';

const KEY = ['diagnosis'] as const;
const TIER_KANJI = { matsu: '松', take: '竹', ume: '梅' } as const;
const TIER_COLOR = { matsu: 'green', take: 'teal', ume: 'pink' } as const;
/** Where each measure screen (content: a measure's `screen`) is in the app. */
const SCREEN_PATHS: Record<MeasureScreen, string> = {
  inventory: '/inventory',
  bia: '/bia',
  backups: '/backups',
  people: '/people',
  damage: '/damage',
};

/** The organization's tasks (one list, read by the measures to mark those already made tasks). */
function useTasks() {
  return useQuery({
    queryKey: [...KEY, 'tasks'],
    queryFn: async () => ({ items: await allPages(TaskListSchema, '/diagnosis/tasks') }),
  });
}

/** /diagnosis — the 松竹梅 questionnaire, its result and measures, tasks, history and the owner's checklist. */
export function DiagnosisPage() {
  const { t } = useTranslation();
  const questionnaire = useQuery({
    queryKey: [...KEY, 'questionnaire'],
    queryFn: () => api.get<Questionnaire>('/diagnosis/questionnaire'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const results = useQuery({
    queryKey: [...KEY, 'results'],
    queryFn: () => api.get<{ items: DiagnosisResult[] }>('/diagnosis/results'),
  });
  const [retaking, setRetaking] = useState(false);

  if (questionnaire.isPending || results.isPending) return <PageSkeleton shape="cards" />;
  if (questionnaire.isError)
    return <LoadError error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />;
  if (results.isError) return <LoadError error={results.error} onRetry={() => void results.refetch()} />;
  const latest = results.data.items[0];

  return (
    <>
      <PageHeader title={t('diagnosis.title')} description={t('diagnosis.description')} />
      <GlossaryTerms ids={['three-two-one', 'zero-trust', 'mfa', 'eol']} />
      <Stack gap="xl">
        {!latest || retaking ? (
          <QuestionnaireForm
            questionnaire={questionnaire.data}
            initial={latest?.answers ?? {}}
            onDone={() => setRetaking(false)}
            onCancel={latest ? () => setRetaking(false) : undefined}
          />
        ) : (
          <ResultView result={latest} questionnaire={questionnaire.data} onRetake={() => setRetaking(true)} />
        )}
        <TasksSection />
        {results.data.items.length > 0 && <History items={results.data.items} />}
        <ChecklistSection />
      </Stack>
    </>
  );
}

function QuestionnaireForm({
  questionnaire,
  initial,
  onDone,
  onCancel,
}: {
  questionnaire: Questionnaire;
  initial: Record<string, string>;
  onDone: () => void;
  onCancel?: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const client = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<unknown>(null);
  const submit = useMutation({
    mutationFn: () => api.post<DiagnosisResult>('/diagnosis/results', { answers }),
    onSuccess: async () => {
      setError(null);
      await client.invalidateQueries({ queryKey: KEY });
      onDone();
    },
    onError: setError,
  });
  const missing = questionnaire.questions.filter((q) => !answers[q.id]).length;
  const issueFor = (qid: string) =>
    isApiError(error) ? error.issues.find((i) => i.path.includes(qid)) : undefined;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dx-questions">
      <Title order={2} size="h3" id="dx-questions" mb={4}>
        {t('diagnosis.questionsTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {questionnaire.intro[lang]}
      </Text>
      <Stack gap="lg">
        {questionnaire.questions.map((q, n) => {
          const issue = issueFor(q.id);
          return (
            <Radio.Group
              key={q.id}
              label={`${n + 1}. ${q.text[lang]}`}
              description={q.help?.[lang]}
              value={answers[q.id] ?? null}
              onChange={(v) => setAnswers({ ...answers, [q.id]: v })}
              error={issue ? featureIssueMessage(t, issue) : undefined}
              withAsterisk
            >
              <Stack gap={6} mt="xs">
                {q.options.map((o) => (
                  <Radio key={o.id} value={o.id} label={o.text[lang]} disabled={!can('inventory.write')} />
                ))}
              </Stack>
            </Radio.Group>
          );
        })}
        <ErrorBanner
          message={error !== null && !isApiError(error, 'validation_failed') ? errorMessage(t, error) : null}
        />
        {can('inventory.write') ? (
          <Group>
            <Button onClick={() => submit.mutate()} loading={submit.isPending} disabled={missing > 0}>
              {t('diagnosis.submit')}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {t('common.cancel')}
              </Button>
            )}
            {missing > 0 && (
              <Text size="sm" c="dimmed">
                {t('diagnosis.remaining', { count: missing })}
              </Text>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('diagnosis.readOnly')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function ResultView({
  result,
  questionnaire,
  onRetake,
}: {
  result: DiagnosisResult;
  questionnaire: Questionnaire;
  onRetake: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const people = usePeopleOptions();
  const tasks = useTasks();
  const taskOf = new Map(
    (tasks.data?.items ?? []).flatMap((x) => (x.measureId ? [[x.measureId, x] as const] : [])),
  );
  const [picked, setPicked] = useState<Record<string, { owner: string | null; due: string }>>({});
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      api.post('/diagnosis/tasks', {
        resultId: result.id,
        items: Object.entries(picked).map(([measureId, v]) => ({
          measureId,
          title: result.measures.find((m) => m.id === measureId)?.title[lang],
          ownerPersonId: v.owner,
          dueDate: v.due || null,
        })),
      }),
    onSuccess: async () => {
      notify(t('diagnosis.tasksCreated', { count: Object.keys(picked).length }));
      setPicked({});
      setError(null);
      await client.invalidateQueries({ queryKey: KEY });
    },
    onError: async (err) => {
      setError(errorMessage(t, err));
      // A measure someone else already made a task shows as such once the tasks are read again.
      if (isApiError(err, 'measure_already_task'))
        await client.invalidateQueries({ queryKey: [...KEY, 'tasks'] });
    },
  });
  const question = (qid: string) => questionnaire.questions.find((q) => q.id === qid);

  return (
    <Stack gap="md">
      <Card withBorder padding="md" component="section" aria-labelledby="dx-result">
        <Group justify="space-between" align="flex-start">
          <Group gap="md" align="center" wrap="nowrap">
            <Text fz={48} fw={700} lh={1} c={`${TIER_COLOR[result.tier]}.8`} lang="ja" aria-hidden="true">
              {TIER_KANJI[result.tier]}
            </Text>
            <div>
              <Title order={2} size="h3" id="dx-result">
                {t('diagnosis.resultTitle', { tier: t(`diagnosis.tiers.${result.tier}.name`) })}
              </Title>
              <Text size="sm" c="dimmed">
                {t('diagnosis.takenAt', { when: formatDateTime(result.takenAt) })}
              </Text>
            </div>
          </Group>
          {write && (
            <Button variant="default" onClick={onRetake}>
              {t('diagnosis.retake')}
            </Button>
          )}
        </Group>
        <Text mt="sm">{t(`diagnosis.tiers.${result.tier}.profile`)}</Text>
        <Text fw={600} mt="md" size="sm">
          {t('diagnosis.why')}
        </Text>
        <List size="sm" mt={4}>
          {result.reasons.map((r) => {
            const q = question(r.questionId);
            const o = q?.options.find((x) => x.id === r.optionId);
            return (
              <List.Item key={r.questionId}>
                {q?.text[lang]} → <strong>{o?.text[lang]}</strong>
              </List.Item>
            );
          })}
        </List>
        {result.tieBroken && (
          <Text size="xs" c="dimmed" mt="xs">
            {t('diagnosis.tieBroken')}
          </Text>
        )}
      </Card>

      <Card withBorder padding="md" component="section" aria-labelledby="dx-measures">
        <Title order={2} size="h3" id="dx-measures" mb={4}>
          {t('diagnosis.measuresTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {write ? t('diagnosis.measuresHint') : t('diagnosis.measuresHintRead')}
        </Text>
        <Stack gap="sm">
          {result.measures.map((m) => {
            const p = picked[m.id];
            const made = taskOf.get(m.id);
            return (
              <Card key={m.id} withBorder padding="sm" bg={p ? 'var(--mantine-color-indigo-0)' : undefined}>
                <Checkbox
                  label={
                    <Text fw={600} size="sm">
                      {m.title[lang]}
                    </Text>
                  }
                  description={m.help[lang]}
                  checked={Boolean(p) || Boolean(made)}
                  disabled={!write || Boolean(made)}
                  onChange={(e) => {
                    const next = { ...picked };
                    if (e.currentTarget.checked)
                      next[m.id] = { owner: null, due: localDateAfter(m.suggestedDueDays) };
                    else delete next[m.id];
                    setPicked(next);
                  }}
                />
                {(made || m.screen) && (
                  <Group gap="sm" mt="xs" ml={{ base: 0, sm: 32 }}>
                    {made && (
                      <>
                        <Badge color="green" variant="light">
                          {t('diagnosis.alreadyTask')}
                        </Badge>
                        <Anchor href={`#task-${made.id}`} size="sm">
                          {t('diagnosis.openTask', { task: made.title })}
                        </Anchor>
                      </>
                    )}
                    {m.screen && (
                      <Anchor component={Link} to={SCREEN_PATHS[m.screen]} size="sm">
                        {t(`diagnosis.screens.${m.screen}`)}
                      </Anchor>
                    )}
                  </Group>
                )}
                {p && (
                  <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" ml={{ base: 0, sm: 32 }}>
                    <Select
                      label={t('diagnosis.owner')}
                      data={people.data ?? []}
                      searchable
                      clearable
                      placeholder={t('diagnosis.noOwner')}
                      nothingFoundMessage={t('common.nothingFound')}
                      value={p.owner}
                      onChange={(v) => setPicked({ ...picked, [m.id]: { ...p, owner: v } })}
                    />
                    <TextInput
                      type="date"
                      label={t('diagnosis.due')}
                      value={p.due}
                      onChange={(e) => setPicked({ ...picked, [m.id]: { ...p, due: e.currentTarget.value } })}
                    />
                  </SimpleGrid>
                )}
              </Card>
            );
          })}
        </Stack>
        {error && (
          <Stack mt="sm">
            <ErrorBanner message={error} />
          </Stack>
        )}
        {write && (
          <Button
            mt="md"
            disabled={Object.keys(picked).length === 0}
            loading={create.isPending}
            onClick={() => create.mutate()}
          >
            {t('diagnosis.makeTasks', { count: Object.keys(picked).length })}
          </Button>
        )}
      </Card>
    </Stack>
  );
}

function TasksSection() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const tasks = useTasks();
  const update = useMutation({
    mutationFn: (v: { task: Task; status: string }) =>
      api.patch<Task>(
        `/diagnosis/tasks/${encodeURIComponent(v.task.id)}`,
        { status: v.status },
        {
          ifMatch: v.task.version,
        },
      ),
    onSuccess: async () => {
      notify(t('diagnosis.taskSaved'));
      await client.invalidateQueries({ queryKey: [...KEY, 'tasks'] });
    },
    onError: async (err) => {
      notify(errorMessage(t, err), 'red');
      await client.invalidateQueries({ queryKey: [...KEY, 'tasks'] });
    },
  });
  return (
    <section aria-labelledby="dx-tasks">
      <Title order={2} size="h3" id="dx-tasks" mb="xs">
        {t('diagnosis.tasksTitle')}
      </Title>
      <ListStates query={tasks} isEmpty={tasks.data?.items.length === 0} empty={t('diagnosis.noTasks')}>
        <ResponsiveTable
          labelledBy="dx-tasks"
          minWidth={600}
          rows={tasks.data?.items ?? []}
          rowKey={(task) => task.id}
          rowProps={(task) => ({ id: `task-${task.id}`, style: { scrollMarginTop: 80 } })}
          columns={[
            { header: t('diagnosis.task'), cell: (task) => task.title },
            { header: t('diagnosis.owner'), cell: (task) => task.ownerPersonName ?? '—' },
            {
              header: t('diagnosis.due'),
              cell: (task) => (task.dueDate ? formatDate(task.dueDate) : '—'),
              nowrap: true,
            },
            {
              header: t('diagnosis.status'),
              cell: (task) => (
                <Select
                  aria-label={t('diagnosis.statusOf', { task: task.title })}
                  data={TASK_STATUSES.map((s) => ({ value: s, label: t(`diagnosis.statuses.${s}`) }))}
                  value={task.status}
                  allowDeselect={false}
                  disabled={!can('inventory.write')}
                  onChange={(v) => v && v !== task.status && update.mutate({ task, status: v })}
                  w={150}
                  size="xs"
                />
              ),
            },
          ]}
        />
      </ListStates>
    </section>
  );
}

function History({ items }: { items: DiagnosisResult[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dx-history">
      <Title order={2} size="h3" id="dx-history" mb="xs">
        {t('diagnosis.historyTitle')}
      </Title>
      <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((r) => (
          <Group key={r.id} component="li" gap="sm">
            <Badge color={TIER_COLOR[r.tier]} variant="light">
              {t(`diagnosis.tiers.${r.tier}.name`)}
            </Badge>
            <Text size="sm">{formatDateTime(r.takenAt)}</Text>
          </Group>
        ))}
      </Stack>
    </section>
  );
}

function ChecklistSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const checklist = useQuery({
    queryKey: [...KEY, 'checklist'],
    queryFn: () => api.get<Checklist>('/diagnosis/checklist'),
  });
  if (checklist.isPending) return <PageSkeleton shape="cards" />;
  if (checklist.isError)
    return <LoadError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const groups = (['principle', 'action'] as const).map((kind) => ({
    kind,
    items: checklist.data.items.filter((i) => i.kind === kind),
  }));
  return (
    <section aria-labelledby="dx-checklist">
      <Title order={2} size="h3" id="dx-checklist" mb={4}>
        {checklist.data.title[lang]}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('diagnosis.checklistHint')}
      </Text>
      <Stack gap="md">
        {groups.map((g) => (
          <div key={g.kind}>
            <Title order={3} size="h5" mb="xs">
              {t(`diagnosis.checklistGroups.${g.kind}`, { count: g.items.length })}
            </Title>
            <Stack gap="xs">
              {g.items.map((item) => (
                <ChecklistRow key={item.itemId} item={item} />
              ))}
            </Stack>
          </div>
        ))}
      </Stack>
    </section>
  );
}

function ChecklistRow({ item }: { item: ChecklistItemState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const [note, setNote] = useState(item.note ?? '');
  const save = useMutation({
    mutationFn: (v: { done: boolean; note: string }) =>
      api.put<ChecklistItemState>(
        `/diagnosis/checklist/${encodeURIComponent(item.itemId)}`,
        { done: v.done, note: textOrNull(v.note) },
        { ifMatch: item.version },
      ),
    onSuccess: async () => {
      notify(t('diagnosis.checklistSaved'));
      await client.invalidateQueries({ queryKey: [...KEY, 'checklist'] });
    },
    onError: async (err) => {
      notify(
        isApiError(err, 'version_conflict') ? t('diagnosis.checklistConflict') : errorMessage(t, err),
        'red',
      );
      await client.invalidateQueries({ queryKey: [...KEY, 'checklist'] });
    },
  });
  return (
    <Card withBorder padding="sm">
      <Checkbox
        label={
          <Text size="sm" fw={600}>
            {item.number}. {item.title[lang]}
          </Text>
        }
        description={item.help[lang]}
        checked={item.done}
        disabled={!write || save.isPending}
        onChange={(e) => save.mutate({ done: e.currentTarget.checked, note })}
      />
      {item.done && (
        <Text size="xs" c="dimmed" mt={4} ml={32}>
          {t('diagnosis.doneBy', { name: item.doneByName ?? '—', when: formatDateTime(item.doneAt) })}
        </Text>
      )}
      <Group align="flex-end" mt="xs" ml={{ base: 0, sm: 32 }} gap="xs" wrap="wrap">
        <Textarea
          label={t('diagnosis.note')}
          value={note}
          maxLength={1000}
          autosize
          minRows={1}
          disabled={!write}
          onChange={(e) => setNote(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
        />
        {write && note !== (item.note ?? '') && (
          <Button
            size="sm"
            variant="default"
            loading={save.isPending}
            onClick={() => save.mutate({ done: item.done, note })}
          >
            {t('diagnosis.saveNote')}
          </Button>
        )}
      </Group>
    </Card>
  );
}
