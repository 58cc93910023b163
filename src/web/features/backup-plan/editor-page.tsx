import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  BACKUP_CONNECTION_LABELS,
  BACKUP_CONNECTIONS,
  BACKUP_LOCATION_LABELS,
  BACKUP_LOCATIONS,
  BACKUP_MEDIA,
  BACKUP_MEDIUM_LABELS,
  BACKUP_METHOD_LABELS,
  BACKUP_METHODS,
  evaluateBackupPlan,
  RESTORE_RESULT_LABELS,
  RESTORE_RESULTS,
} from '../../../domain/backup-plan.js';
import { type BackupPlan, BackupPlanSchema } from '../../../shared/backup-plan.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { featureIssues } from '../../app/feature-issues.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { notify } from '../../app/notify.js';
import { LoadError, NotFoundPage, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { BACKUP_PLAN_KEY, useBackupPlans } from './api.js';
import {
  type CopyDraft,
  type DurationDraft,
  draftOf,
  draftProblems,
  factsOf,
  inputOf,
  newCopy,
  newDraft,
  type PlanDraft,
} from './draft.js';
import { useRuleLocale, VerdictPanel } from './verdict.js';

const issues = featureIssues('backupPlan');

/** /backup-plan/new and /backup-plan/:id — the plan of one system or data set. */
export function BackupPlanEditorPage() {
  const { id } = useParams();
  const q = useBackupPlans();
  if (q.isPending) return <PageSkeleton shape="form" />;
  if (q.isError) return <LoadError error={q.error} onRetry={() => void q.refetch()} />;
  const plan = id ? q.data.plans.find((p) => p.id === id) : undefined;
  if (id && !plan) return <NotFoundPage />;
  return <Editor key={plan ? `${plan.id}-${plan.version}` : 'new'} plan={plan ?? null} />;
}

function DurationField({
  label,
  value,
  onChange,
  error,
  name,
}: {
  label: React.ReactNode;
  value: DurationDraft;
  onChange: (v: DurationDraft) => void;
  error?: string | undefined;
  name: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        label={label}
        name={name}
        inputMode="decimal"
        value={value.amount}
        onChange={(e) => onChange({ ...value, amount: e.currentTarget.value })}
        error={error}
        style={{ flex: 1 }}
      />
      <Select
        label={t('backupPlan.fields.unit')}
        data={[
          { value: 'hours', label: t('backupPlan.units.hours') },
          { value: 'days', label: t('backupPlan.units.days') },
        ]}
        value={value.unit}
        allowDeselect={false}
        onChange={(v) => onChange({ ...value, unit: v === 'days' ? 'days' : 'hours' })}
        w={110}
      />
    </Group>
  );
}

function Editor({ plan }: { plan: BackupPlan | null }) {
  const { t } = useTranslation();
  const locale = useRuleLocale();
  const navigate = useNavigate();
  const client = useQueryClient();
  const write = useCan()('inventory.write');
  const [search] = useSearchParams();
  const overview = useBackupPlans().data;
  const [draft, setDraft] = useState<PlanDraft>(() =>
    plan ? draftOf(plan) : newDraft(search.get('system')),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const focus = useFocusFirstInvalid<HTMLFormElement>();
  const today = overview?.today ?? new Date().toISOString().slice(0, 10);
  const verdict = useMemo(() => evaluateBackupPlan(factsOf(draft), today), [draft, today]);

  const set = <K extends keyof PlanDraft>(key: K, value: PlanDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setCopy = (i: number, change: Partial<CopyDraft>) =>
    setDraft((d) => ({ ...d, copies: d.copies.map((c, k) => (k === i ? { ...c, ...change } : c)) }));

  const systems = (overview?.systems ?? [])
    .filter((s) => s.planId === null || s.planId === plan?.id)
    .map((s) => ({ value: s.id, label: s.priority ? `${s.name}（${s.priority}）` : s.name }));
  const name = plan?.name ?? overview?.systems.find((s) => s.id === draft.systemId)?.name ?? '';

  const save = useMutation({
    mutationFn: (d: PlanDraft) =>
      plan
        ? api.put<unknown>(`/backup-plans/${encodeURIComponent(plan.id)}`, inputOf(d), {
            ifMatch: plan.version,
          })
        : api.post<unknown>('/backup-plans', inputOf(d)),
    onSuccess: async (data) => {
      const saved = BackupPlanSchema.parse(data);
      notify(t('backupPlan.saved', { name: saved.name }));
      await client.invalidateQueries({ queryKey: BACKUP_PLAN_KEY });
      await client.invalidateQueries({ queryKey: ['home'] });
      navigate('/backup-plan');
    },
    onError: (err) => {
      const fields = [
        'systemId',
        'dataSetName',
        'frequency',
        'rpoMinutes',
        'restoreTestedOn',
        ...draft.copies.map((_, i) => `copies.${i}.medium`),
      ];
      const r = issues.formErrors(t, err, fields, (e) => errorMessage(t, e));
      setErrors(r.fieldErrors);
      setFormError(r.formError);
      focus.request();
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/backup-plans/${encodeURIComponent(plan?.id ?? '')}`),
    onSuccess: async () => {
      notify(t('backupPlan.deleted'));
      await client.invalidateQueries({ queryKey: BACKUP_PLAN_KEY });
      navigate('/backup-plan');
    },
    onError: (err) => notify(errorMessage(t, err), 'red'),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = draftProblems(draft);
    if (Object.keys(found).length > 0) {
      setErrors(
        Object.fromEntries(Object.entries(found).map(([k, code]) => [k, issues.message(t, { code })])),
      );
      setFormError(null);
      focus.request();
      return;
    }
    setErrors({});
    save.mutate(draft);
  };

  const labels = <T extends string>(list: readonly T[], words: Record<T, Record<'ja' | 'en', string>>) =>
    list.map((v) => ({ value: v, label: words[v][locale] }));

  return (
    <>
      <PageHeader
        title={plan ? t('backupPlan.editTitle', { name }) : t('backupPlan.addTitle')}
        description={t('backupPlan.editorDescription')}
        actions={
          <Button component={Link} to="/backup-plan" variant="default">
            {t('backupPlan.back')}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <form ref={focus.ref} onSubmit={submit} noValidate aria-label={t('backupPlan.formLabel')}>
          <fieldset disabled={!write} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack gap="md">
              <Card withBorder padding="md">
                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('backupPlan.sections.what')}
                  </Title>
                  <SegmentedControl
                    aria-label={t('backupPlan.fields.target')}
                    value={draft.target}
                    onChange={(v) => set('target', v === 'data_set' ? 'data_set' : 'system')}
                    data={[
                      { value: 'system', label: t('backupPlan.targets.system') },
                      { value: 'data_set', label: t('backupPlan.targets.dataSet') },
                    ]}
                  />
                  {draft.target === 'system' ? (
                    <Select
                      label={t('backupPlan.fields.system')}
                      name="systemId"
                      data={systems}
                      value={draft.systemId}
                      onChange={(v) => set('systemId', v)}
                      searchable
                      error={errors.systemId}
                      nothingFoundMessage={t('backupPlan.noSystems')}
                    />
                  ) : (
                    <TextInput
                      label={t('backupPlan.fields.dataSet')}
                      description={t('backupPlan.fields.dataSetHint')}
                      name="dataSetName"
                      value={draft.dataSetName}
                      onChange={(e) => set('dataSetName', e.currentTarget.value)}
                      error={errors.dataSetName}
                    />
                  )}
                  <Select
                    label={t('backupPlan.fields.method')}
                    data={labels(BACKUP_METHODS, BACKUP_METHOD_LABELS)}
                    value={draft.method}
                    allowDeselect={false}
                    onChange={(v) => v && set('method', v as PlanDraft['method'])}
                  />
                  <Select
                    label={t('backupPlan.fields.frequencyMode')}
                    data={[
                      { value: 'every', label: t('backupPlan.frequency.every') },
                      { value: 'continuous', label: t('backupPlan.frequency.continuous') },
                      { value: 'none', label: t('backupPlan.frequency.none') },
                    ]}
                    value={draft.frequencyMode}
                    allowDeselect={false}
                    onChange={(v) => set('frequencyMode', (v ?? 'every') as PlanDraft['frequencyMode'])}
                  />
                  {draft.frequencyMode === 'every' && (
                    <DurationField
                      name="frequency"
                      label={t('backupPlan.fields.frequency')}
                      value={draft.frequency}
                      onChange={(v) => set('frequency', v)}
                      error={errors.frequency}
                    />
                  )}
                  <DurationField
                    name="rpoMinutes"
                    label={
                      <>
                        <GlossaryTerm id="rpo">{t('backupPlan.fields.rpoTerm')}</GlossaryTerm>
                        {t('backupPlan.fields.rpo')}
                      </>
                    }
                    value={draft.rpo}
                    onChange={(v) => set('rpo', v)}
                    error={errors.rpoMinutes}
                  />
                </Stack>
              </Card>

              <Card withBorder padding="md">
                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('backupPlan.sections.production')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('backupPlan.productionHint')}
                  </Text>
                  <Select
                    label={t('backupPlan.fields.medium')}
                    data={labels(BACKUP_MEDIA, BACKUP_MEDIUM_LABELS)}
                    value={draft.production.medium}
                    allowDeselect={false}
                    onChange={(v) =>
                      v &&
                      set('production', {
                        ...draft.production,
                        medium: v as PlanDraft['production']['medium'],
                      })
                    }
                  />
                  <Select
                    label={t('backupPlan.fields.location')}
                    data={labels(BACKUP_LOCATIONS, BACKUP_LOCATION_LABELS)}
                    value={draft.production.location}
                    allowDeselect={false}
                    onChange={(v) =>
                      v &&
                      set('production', {
                        ...draft.production,
                        location: v as PlanDraft['production']['location'],
                      })
                    }
                  />
                  <TextInput
                    label={t('backupPlan.fields.provider')}
                    description={t('backupPlan.fields.providerHint')}
                    value={draft.production.provider}
                    onChange={(e) =>
                      set('production', { ...draft.production, provider: e.currentTarget.value })
                    }
                  />
                </Stack>
              </Card>

              <Stack gap="sm" component="section" aria-labelledby="backup-copies">
                <Title order={2} size="h4" id="backup-copies">
                  {t('backupPlan.sections.copies')}
                </Title>
                {draft.copies.length === 0 && <Text size="sm">{t('backupPlan.noCopies')}</Text>}
                {draft.copies.map((c, i) => (
                  <Card key={c.key} withBorder padding="md" data-testid="backup-copy">
                    <Stack gap="sm">
                      <Group justify="space-between">
                        <Title order={3} size="h5">
                          {t('backupPlan.copyTitle', { n: i + 2 })}
                        </Title>
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          leftSection={<IconTrash size={14} aria-hidden="true" />}
                          onClick={() =>
                            set(
                              'copies',
                              draft.copies.filter((_, k) => k !== i),
                            )
                          }
                          aria-label={t('backupPlan.removeCopy', { n: i + 2 })}
                        >
                          {t('backupPlan.remove')}
                        </Button>
                      </Group>
                      <Select
                        label={t('backupPlan.fields.medium')}
                        name={`copies.${i}.medium`}
                        placeholder={t('backupPlan.choose')}
                        data={labels(BACKUP_MEDIA, BACKUP_MEDIUM_LABELS)}
                        value={c.medium}
                        onChange={(v) => setCopy(i, { medium: v as CopyDraft['medium'] })}
                        error={errors[`copies.${i}.medium`]}
                      />
                      <Select
                        label={t('backupPlan.fields.location')}
                        data={labels(BACKUP_LOCATIONS, BACKUP_LOCATION_LABELS)}
                        value={c.location}
                        allowDeselect={false}
                        onChange={(v) => v && setCopy(i, { location: v as CopyDraft['location'] })}
                      />
                      <Select
                        label={t('backupPlan.fields.connection')}
                        description={
                          <>
                            <GlossaryTerm id="offline">{t('backupPlan.terms.offline')}</GlossaryTerm>
                            {' / '}
                            <GlossaryTerm id="immutable">{t('backupPlan.terms.immutable')}</GlossaryTerm>
                          </>
                        }
                        data={labels(BACKUP_CONNECTIONS, BACKUP_CONNECTION_LABELS)}
                        value={c.connection}
                        allowDeselect={false}
                        onChange={(v) => v && setCopy(i, { connection: v as CopyDraft['connection'] })}
                      />
                      <Checkbox
                        label={t('backupPlan.fields.reachable')}
                        checked={c.reachableFromProduction}
                        onChange={(e) => setCopy(i, { reachableFromProduction: e.currentTarget.checked })}
                      />
                      <Checkbox
                        label={t('backupPlan.fields.sameCredentials')}
                        checked={c.sameCredentials}
                        onChange={(e) => setCopy(i, { sameCredentials: e.currentTarget.checked })}
                      />
                      <Checkbox
                        label={t('backupPlan.fields.sameMaintenance')}
                        checked={c.sameMaintenance}
                        onChange={(e) => setCopy(i, { sameMaintenance: e.currentTarget.checked })}
                      />
                      <Checkbox
                        label={t('backupPlan.fields.encrypted')}
                        checked={c.encrypted}
                        onChange={(e) => setCopy(i, { encrypted: e.currentTarget.checked })}
                      />
                      <TextInput
                        label={t('backupPlan.fields.provider')}
                        description={t('backupPlan.fields.providerHint')}
                        value={c.provider}
                        onChange={(e) => setCopy(i, { provider: e.currentTarget.value })}
                      />
                    </Stack>
                  </Card>
                ))}
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden="true" />}
                  onClick={() => set('copies', [...draft.copies, newCopy()])}
                >
                  {t('backupPlan.addCopy')}
                </Button>
              </Stack>

              <Card withBorder padding="md">
                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('backupPlan.sections.restore')}
                  </Title>
                  <TextInput
                    type="date"
                    label={t('backupPlan.fields.restoreTestedOn')}
                    name="restoreTestedOn"
                    value={draft.restoreTestedOn}
                    onChange={(e) => set('restoreTestedOn', e.currentTarget.value)}
                    error={errors.restoreTestedOn}
                  />
                  <Select
                    label={t('backupPlan.fields.restoreResult')}
                    data={labels(RESTORE_RESULTS, RESTORE_RESULT_LABELS)}
                    value={draft.restoreResult}
                    allowDeselect={false}
                    onChange={(v) => v && set('restoreResult', v as PlanDraft['restoreResult'])}
                  />
                  <Textarea
                    label={t('backupPlan.fields.restoreNote')}
                    value={draft.restoreNote}
                    onChange={(e) => set('restoreNote', e.currentTarget.value)}
                    autosize
                    minRows={2}
                  />
                  <Textarea
                    label={t('backupPlan.fields.note')}
                    value={draft.note}
                    onChange={(e) => set('note', e.currentTarget.value)}
                    autosize
                    minRows={2}
                  />
                </Stack>
              </Card>

              {formError && (
                <Alert color="red" role="alert">
                  {formError}
                </Alert>
              )}
              {write && (
                <Group justify="space-between">
                  {plan ? (
                    <Button
                      color="red"
                      variant="subtle"
                      loading={remove.isPending}
                      onClick={() => remove.mutate()}
                    >
                      {t('backupPlan.delete')}
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button type="submit" loading={save.isPending}>
                    {t('backupPlan.save')}
                  </Button>
                </Group>
              )}
            </Stack>
          </fieldset>
        </form>
        <Card
          withBorder
          padding="md"
          component="aside"
          aria-label={t('backupPlan.verdictTitle')}
          style={{ alignSelf: 'start' }}
        >
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('backupPlan.verdictTitle')}
            </Title>
            <VerdictPanel verdict={verdict} />
          </Stack>
        </Card>
      </SimpleGrid>
    </>
  );
}
