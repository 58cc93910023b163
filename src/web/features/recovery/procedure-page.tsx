import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  MultiSelect,
  Paper,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatMinutes, type Phase } from '../../../domain/recovery.js';
import { formatRtoCell } from '../../../domain/rto-text.js';
import type { OverviewSystem, Procedure, Step } from '../../../shared/recovery.js';
import { ApiError, api } from '../../app/api.js';
import { errorMessage, issueMessage } from '../../app/errors.js';
import { useFocusFirstInvalid } from '../../app/focus-invalid.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { notify } from '../../app/notify.js';
import { LoadError, NotFoundPage, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { useCan } from '../../app/session.js';
import { useGraph } from '../graph/api.js';
import { rtoLabel } from '../graph/labels.js';
import { usePeopleOptions } from '../people/api.js';
import { RECOVERY_KEY, useProcedure, useRecoveryChange, useRecoveryOverview } from './api.js';
import { FeasibilityBadge } from './recovery-page.js';

type Lang = 'ja' | 'en';

/** A step as the form holds it: the duration as typed. */
interface DraftStep {
  key: string;
  title: string;
  templateKey: string | null;
  ownerPersonId: string | null;
  ownerText: string;
  duration: string;
  after: string[];
  afterSystems: string[];
  contactPersonIds: string[];
  contactSupplierIds: string[];
  note: string;
}

const toDraft = (s: Step, lang: Lang): DraftStep => ({
  key: s.key,
  title: s.title,
  templateKey: s.templateKey,
  ownerPersonId: s.ownerPersonId,
  ownerText: s.ownerText ?? '',
  duration: formatRtoCell({ kind: 'duration', minutes: s.durationMinutes }, lang),
  after: s.after,
  afterSystems: s.afterSystems,
  contactPersonIds: s.contactPersonIds,
  contactSupplierIds: s.contactSupplierIds,
  note: s.note ?? '',
});

const toInput = (s: DraftStep) => ({
  key: s.key,
  title: s.title,
  templateKey: s.templateKey,
  ownerPersonId: s.ownerPersonId,
  ownerText: s.ownerText.trim() || null,
  duration: s.duration,
  after: s.after,
  afterSystems: s.afterSystems,
  contactPersonIds: s.contactPersonIds,
  contactSupplierIds: s.contactSupplierIds,
  note: s.note.trim() || null,
});

let counter = 0;
const newKey = () => `step-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** /recovery/systems/:systemId — one system's procedure: create it from the template, edit its steps. */
export function ProcedurePage() {
  const { t } = useTranslation();
  const { systemId = '' } = useParams();
  const overview = useRecoveryOverview();
  const system = overview.data?.systems.find((s) => s.id === systemId);
  const procedure = useProcedure(system?.procedureId ?? null);
  if (overview.isPending)
    return (
      <>
        <PageHeader title={t('recovery.procedure.title')} />
        <PageSkeleton shape="form" />
      </>
    );
  if (overview.isError) return <LoadError error={overview.error} onRetry={() => overview.refetch()} />;
  if (!system) return <NotFoundPage />;
  return (
    <>
      <PageHeader
        title={t('recovery.procedure.titleOf', { name: system.name })}
        description={t('recovery.procedure.description')}
      />
      <Anchor component={Link} to="/recovery" mb="md" display="inline-block">
        {t('recovery.backToPlan')}
      </Anchor>
      <SystemSummary system={system} />
      {system.procedureId === null ? (
        <CreateFromTemplate system={system} />
      ) : procedure.isPending ? (
        <PageSkeleton shape="form" />
      ) : procedure.isError ? (
        <LoadError error={procedure.error} onRetry={() => procedure.refetch()} />
      ) : (
        <ProcedureEditor
          key={procedure.data.version}
          procedure={procedure.data}
          systems={overview.data.systems}
        />
      )}
    </>
  );
}

function SystemSummary({ system }: { system: OverviewSystem }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const f = system.feasibility;
  return (
    <Paper withBorder p="sm" mb="md">
      <Group gap="md" wrap="wrap">
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            {t('recovery.columns.priority')}
          </Text>
          <PriorityBadge priority={system.priority} />
        </Group>
        <Text size="sm">
          <GlossaryTerm id="rto">{t('glossary.terms.rto')}</GlossaryTerm>
          {t('recovery.procedure.colon')}
          {rtoLabel(t, system.requiredRto)}
        </Text>
        <FeasibilityBadge f={f} />
      </Group>
      {f.verdict === 'misses' && f.backAfterMinutes !== null && f.targetMinutes !== null && (
        <Alert color="red" mt="sm" data-testid="feasibility-alert">
          {t('recovery.procedure.missesText', {
            back: formatMinutes(f.backAfterMinutes, lang),
            target: formatMinutes(f.targetMinutes, lang),
            gap: formatMinutes(f.gapMinutes, lang),
          })}
        </Alert>
      )}
      {f.verdict === 'meets' && f.backAfterMinutes !== null && (
        <Alert color="green" mt="sm" data-testid="feasibility-alert">
          {t('recovery.procedure.meetsText', { back: formatMinutes(f.backAfterMinutes, lang) })}
        </Alert>
      )}
    </Paper>
  );
}

function CreateFromTemplate({ system }: { system: OverviewSystem }) {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const create = useRecoveryChange(
    () =>
      api.post('/recovery/procedures', {
        systemId: system.id,
        template: i18n.language === 'en' ? 'en' : 'ja',
      }),
    'recovery.procedure.created',
  );
  return (
    <Paper withBorder p="md">
      <Text mb="sm">{t('recovery.procedure.none')}</Text>
      {can('inventory.write') && (
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {t('recovery.procedure.fromTemplate')}
        </Button>
      )}
    </Paper>
  );
}

function ProcedureEditor({ procedure, systems }: { procedure: Procedure; systems: OverviewSystem[] }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const invalid = useFocusFirstInvalid<HTMLFormElement>();
  const [phases, setPhases] = useState<Record<Phase, DraftStep[]>>({
    phase1: procedure.phase1.map((s) => toDraft(s, lang)),
    phase2: procedure.phase2.map((s) => toDraft(s, lang)),
  });
  const [degradedNote, setDegradedNote] = useState(procedure.degradedNote ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () =>
      api.put(
        `/recovery/procedures/${encodeURIComponent(procedure.id)}`,
        {
          phase1: phases.phase1.map(toInput),
          phase2: phases.phase2.map(toInput),
          degradedNote: degradedNote.trim() || null,
        },
        { ifMatch: procedure.version },
      ),
    onSuccess: async () => {
      setErrors({});
      setFormError(null);
      notify(t('recovery.saved'));
      await client.invalidateQueries({ queryKey: RECOVERY_KEY });
    },
    onError: (err) => {
      const next: Record<string, string> = {};
      const loose: string[] = [];
      if (err instanceof ApiError)
        for (const issue of err.issues) {
          const [phase, index, field] = issue.path;
          const message = t(`recovery.issues.${issue.code}`, {
            ...issue.params,
            defaultValue: issueMessage(t, issue),
          });
          if ((phase === 'phase1' || phase === 'phase2') && typeof index === 'number' && field)
            next[`${phase}.${index}.${field}`] ??= message;
          else loose.push(message);
        }
      setErrors(next);
      setFormError(
        Object.keys(next).length
          ? loose.length
            ? loose.join(' ')
            : t('recovery.procedure.fixFields')
          : errorMessage(t, err),
      );
      invalid.request();
    },
  });

  const remove = useRecoveryChange(
    () => api.delete(`/recovery/procedures/${encodeURIComponent(procedure.id)}`),
    'recovery.procedure.deleted',
  );

  const update = (phase: Phase, index: number, change: Partial<DraftStep>) =>
    setPhases((p) => ({ ...p, [phase]: p[phase].map((s, i) => (i === index ? { ...s, ...change } : s)) }));
  const add = (phase: Phase) =>
    setPhases((p) => ({
      ...p,
      [phase]: [
        ...p[phase],
        {
          key: newKey(),
          title: '',
          templateKey: null,
          ownerPersonId: null,
          ownerText: '',
          duration: '',
          after: p[phase].length ? [p[phase][p[phase].length - 1]?.key ?? ''].filter(Boolean) : [],
          afterSystems: [],
          contactPersonIds: [],
          contactSupplierIds: [],
          note: '',
        },
      ],
    }));
  const drop = (phase: Phase, index: number) =>
    setPhases((p) => {
      const gone = p[phase][index]?.key;
      return {
        ...p,
        [phase]: p[phase]
          .filter((_, i) => i !== index)
          .map((s) => ({ ...s, after: s.after.filter((k) => k !== gone) })),
      };
    });

  const timing = (phase: Phase) => {
    const steps = phase === 'phase1' ? procedure.phase1 : procedure.phase2;
    return new Map(steps.map((s) => [s.key, s.startMinutes]));
  };

  return (
    <form
      ref={invalid.ref}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="lg">
        {(['phase1', 'phase2'] as const).map((phase) => (
          <section key={phase} aria-labelledby={`recovery-${phase}`}>
            <Title order={2} size="h3" id={`recovery-${phase}`} mb={4}>
              {t(`recovery.procedure.${phase}Before`)}
              <GlossaryTerm id={phase === 'phase1' ? 'provisional-recovery' : 'full-recovery'}>
                {t(
                  phase === 'phase1' ? 'glossary.terms.provisional-recovery' : 'glossary.terms.full-recovery',
                )}
              </GlossaryTerm>
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {phase === 'phase1'
                ? t('recovery.procedure.phase1Hint', {
                    total: formatMinutes(procedure.feasibility.phase1Minutes ?? 0, lang),
                  })
                : t('recovery.procedure.phase2Hint', { total: formatMinutes(procedure.phase2Minutes, lang) })}
            </Text>
            <Stack gap="sm">
              {phases[phase].map((s, i) => (
                <StepCard
                  key={s.key}
                  phase={phase}
                  index={i}
                  step={s}
                  steps={phases[phase]}
                  systems={systems.filter((x) => x.id !== procedure.systemId)}
                  startMinutes={timing(phase).get(s.key)}
                  errors={errors}
                  write={write}
                  onChange={(c) => update(phase, i, c)}
                  onRemove={() => drop(phase, i)}
                />
              ))}
            </Stack>
            {write && (
              <Button
                variant="default"
                mt="sm"
                leftSection={<IconPlus size={16} aria-hidden="true" />}
                onClick={() => add(phase)}
              >
                {t('recovery.procedure.addStep')}
              </Button>
            )}
            {phase === 'phase1' && (
              <Textarea
                mt="md"
                label={t('recovery.procedure.degraded')}
                description={t('recovery.procedure.degradedHint')}
                value={degradedNote}
                readOnly={!write}
                autosize
                minRows={2}
                onChange={(e) => setDegradedNote(e.currentTarget.value)}
              />
            )}
          </section>
        ))}
        {formError && (
          <Alert color="red" role="alert">
            {formError}
          </Alert>
        )}
        {write && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('recovery.save')}
            </Button>
            <Button variant="subtle" color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t('recovery.procedure.delete')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

function StepCard({
  phase,
  index,
  step,
  steps,
  systems,
  startMinutes,
  errors,
  write,
  onChange,
  onRemove,
}: {
  phase: Phase;
  index: number;
  step: DraftStep;
  steps: DraftStep[];
  systems: OverviewSystem[];
  startMinutes: number | undefined;
  errors: Record<string, string>;
  write: boolean;
  onChange: (c: Partial<DraftStep>) => void;
  onRemove: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const people = usePeopleOptions();
  const graph = useGraph();
  const suppliers = (graph.data?.nodes ?? [])
    .filter((n) => n.type === 'supplier')
    .map((n) => ({ value: n.id, label: n.name }));
  const err = (field: string) => errors[`${phase}.${index}.${field}`];
  const name = step.title || t('recovery.procedure.untitled', { n: index + 1 });
  return (
    <Paper withBorder p="sm" data-testid={`${phase}-step`}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <Text fw={600} className="keep-words">
          {t('recovery.procedure.stepNumber', { n: index + 1 })}
          {startMinutes !== undefined && (
            <Text span size="sm" c="dimmed" ml="xs" fw={400}>
              {t('recovery.procedure.startsAt', { at: formatMinutes(startMinutes, lang) })}
            </Text>
          )}
        </Text>
        {write && (
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onRemove}
            aria-label={t('recovery.procedure.removeStep', { name })}
          >
            <IconTrash size={16} aria-hidden="true" />
          </ActionIcon>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('recovery.step.title')}
          value={step.title}
          readOnly={!write}
          error={err('title')}
          onChange={(e) => onChange({ title: e.currentTarget.value })}
        />
        <TextInput
          label={t('recovery.step.duration')}
          description={t('recovery.step.durationHint')}
          value={step.duration}
          readOnly={!write}
          error={err('duration')}
          onChange={(e) => onChange({ duration: e.currentTarget.value })}
        />
        <Select
          label={t('recovery.step.owner')}
          data={people.data ?? []}
          value={step.ownerPersonId}
          readOnly={!write}
          error={err('ownerPersonId')}
          onChange={(v) => onChange({ ownerPersonId: v })}
          searchable
          clearable
        />
        <TextInput
          label={t('recovery.step.ownerText')}
          value={step.ownerText}
          readOnly={!write}
          error={err('ownerText')}
          onChange={(e) => onChange({ ownerText: e.currentTarget.value })}
        />
        <MultiSelect
          label={t('recovery.step.after')}
          data={steps
            .filter((x) => x.key !== step.key)
            .map((x) => ({ value: x.key, label: x.title || x.key }))}
          value={step.after}
          readOnly={!write}
          error={err('after')}
          onChange={(v) => onChange({ after: v })}
        />
        <MultiSelect
          label={t('recovery.step.afterSystems')}
          data={systems.map((x) => ({ value: x.id, label: x.name }))}
          value={step.afterSystems}
          readOnly={!write}
          error={err('afterSystems')}
          onChange={(v) => onChange({ afterSystems: v })}
          searchable
        />
        <MultiSelect
          label={t('recovery.step.contactPeople')}
          data={people.data ?? []}
          value={step.contactPersonIds}
          readOnly={!write}
          error={err('contactPersonIds')}
          onChange={(v) => onChange({ contactPersonIds: v })}
          searchable
        />
        <MultiSelect
          label={t('recovery.step.contactSuppliers')}
          data={suppliers}
          value={step.contactSupplierIds}
          readOnly={!write}
          error={err('contactSupplierIds')}
          onChange={(v) => onChange({ contactSupplierIds: v })}
          searchable
        />
      </SimpleGrid>
      <Textarea
        mt="sm"
        label={t('recovery.step.note')}
        value={step.note}
        readOnly={!write}
        error={err('note')}
        autosize
        minRows={1}
        onChange={(e) => onChange({ note: e.currentTarget.value })}
      />
    </Paper>
  );
}
