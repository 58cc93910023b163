import {
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { INCIDENT_MODE_FILTERS, INCIDENT_MODES, type IncidentModeFilter } from '../../../domain/incidents.js';
import { INCIDENT_TYPES } from '../../../domain/recovery.js';
import { type Incident, IncidentSchema } from '../../../shared/incidents.js';
import { ApiError, parsedApi } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { FormCard, SubmitRow } from '../../app/forms.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { prefectureOptions } from '../../app/prefectures.js';
import { useCan } from '../../app/session.js';
import { useSites } from '../structure/api.js';
import { INCIDENTS_KEY, useIncidentEvents, useIncidentList } from './api.js';
import { ModeBadge } from './badges.js';
import { useIncidentFieldErrors } from './issues.js';
import { fromLocalInput, toLocalInput } from './local-input.js';
import { QuakeSettingsCard } from './quake-section.js';

/** /incidents — every incident (real and drills, labelled), declare one, or start a drill in one click. */
export function IncidentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [mode, setMode] = useState<IncidentModeFilter>('all');
  const list = useIncidentList(mode);
  useIncidentEvents();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const drill = useMutation({
    mutationFn: () =>
      parsedApi.post(IncidentSchema, '/incidents/drill', { title: t('incidents.drillTitle') }),
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
      void navigate(`/incidents/${incident.id}`);
    },
  });
  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        description={t('incidents.description')}
        actions={
          can('incidents.write') && (
            <Button onClick={() => drill.mutate()} loading={drill.isPending}>
              {t('incidents.startDrill')}
            </Button>
          )
        }
      />
      {drill.error && (
        <Alert color="red" mb="md">
          {errorMessage(t, drill.error)}
        </Alert>
      )}
      {can('incidents.write') && <DeclareForm />}
      <Group justify="space-between" mt="lg" mb="sm">
        <Title order={2} size="h3" id="incident-list-heading">
          {t('incidents.listHeading')}
        </Title>
        <SegmentedControl
          aria-label={t('incidents.modeFilter')}
          value={mode}
          onChange={(v) => setMode(v as IncidentModeFilter)}
          data={INCIDENT_MODE_FILTERS.map((m) => ({ value: m, label: t(`incidents.filters.${m}`) }))}
        />
      </Group>
      {list.isPending ? (
        <PageSkeleton shape="table" />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Alert>{t('incidents.empty')}</Alert>
      ) : (
        <ResponsiveTable<Incident>
          labelledBy="incident-list-heading"
          minWidth={640}
          rows={list.data.items}
          rowKey={(i) => i.id}
          columns={[
            {
              header: t('incidents.fields.title'),
              cell: (i) => <Link to={`/incidents/${i.id}`}>{i.title}</Link>,
            },
            { header: t('incidents.fields.mode'), cell: (i) => <ModeBadge mode={i.mode} /> },
            { header: t('incidents.fields.type'), cell: (i) => t(`incidents.types.${i.type}`) },
            {
              header: t('incidents.fields.status'),
              cell: (i) => (
                <Badge
                  variant={i.status === 'active' ? 'filled' : 'light'}
                  color={i.status === 'active' ? 'red.9' : 'gray'}
                >
                  {t(`incidents.statuses.${i.status}`)}
                </Badge>
              ),
            },
            { header: t('incidents.fields.beganAt'), cell: (i) => formatDateTime(i.beganAt), nowrap: true },
          ]}
        />
      )}
      {can('org.manage') && <QuakeSettingsCard />}
    </>
  );
}

function DeclareForm() {
  const { t, i18n } = useTranslation();
  const sites = useSites();
  const [beganAt, setBeganAt] = useState(() => toLocalInput(new Date()));
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [prefectureCodes, setPrefectureCodes] = useState<string[]>([]);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [type, setType] = useState<string | null>(null);
  const [mode, setMode] = useState<string>('real');
  const [title, setTitle] = useState('');
  const { errors, formRef, clear, show } = useIncidentFieldErrors();
  const declare = useMutation({
    mutationFn: () =>
      parsedApi.post(IncidentSchema, '/incidents', {
        type,
        mode,
        title,
        beganAt: fromLocalInput(beganAt),
        siteIds,
        prefectureCodes,
      }),
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: INCIDENTS_KEY });
      void navigate(`/incidents/${incident.id}`);
    },
    onError: (err) => show(err),
  });
  return (
    <FormCard
      formRef={formRef}
      onSubmit={() => {
        clear();
        declare.mutate();
      }}
    >
      <Title order={2} size="h3" mb={4}>
        {t('incidents.declareHeading')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('incidents.declareHintBefore')}
        <GlossaryTerm id="incident-hq">{t('glossary.terms.incident-hq')}</GlossaryTerm>
        {t('incidents.declareHintAfter')}
      </Text>
      <Stack gap="sm">
        <Group grow align="flex-start">
          <Select
            label={t('incidents.fields.type')}
            data={INCIDENT_TYPES.map((v) => ({ value: v, label: t(`incidents.types.${v}`) }))}
            value={type}
            onChange={setType}
            error={errors.type}
            required
          />
          <Select
            label={t('incidents.fields.mode')}
            data={INCIDENT_MODES.map((v) => ({ value: v, label: t(`incidents.modes.${v}`) }))}
            value={mode}
            onChange={(v) => setMode(v ?? 'real')}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label={t('incidents.fields.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          required
        />
        <TextInput
          type="datetime-local"
          label={t('incidents.fields.beganAt')}
          description={t('incidents.fields.beganAtHint')}
          value={beganAt}
          onChange={(e) => setBeganAt(e.currentTarget.value)}
          error={errors.beganAt}
          required
        />
        <Group grow align="flex-start" preventGrowOverflow={false} wrap="wrap">
          <MultiSelect
            label={t('incidents.fields.sites')}
            description={t('incidents.fields.sitesHint')}
            data={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={siteIds}
            onChange={setSiteIds}
            searchable
            clearable
            error={errors.siteIds}
            miw={220}
          />
          <MultiSelect
            label={t('incidents.fields.prefectures')}
            description={t('incidents.fields.prefecturesHint')}
            data={prefectureOptions(i18n.language)}
            value={prefectureCodes}
            onChange={setPrefectureCodes}
            searchable
            clearable
            error={errors.prefectureCodes}
            miw={220}
          />
        </Group>
        {declare.error && !(declare.error instanceof ApiError && declare.error.issues.length) && (
          <Alert color="red">{errorMessage(t, declare.error)}</Alert>
        )}
        <SubmitRow color="red.9" label={t('incidents.declare')} loading={declare.isPending} />
      </Stack>
    </FormCard>
  );
}
