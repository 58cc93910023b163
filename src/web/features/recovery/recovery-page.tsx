import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { type ChangeEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IT_LAYERS, type ItLayer } from '../../../domain/dependency-graph.js';
import { LAYER_LABELS } from '../../../domain/inventory.js';
import { affectedSystems, formatMinutes, type IncidentType } from '../../../domain/recovery.js';
import type { FeasibilityView, Incident, OverviewSystem, RecoveryContent } from '../../../shared/recovery.js';
import { api } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { useCan } from '../../app/session.js';
import { rtoLabel } from '../graph/labels.js';
import { useIncidents, useRecoveryChange, useRecoveryContent, useRecoveryOverview } from './api.js';
import { ContactsSection } from './contacts-section.js';
import { FirstResponse } from './first-response.js';

type Lang = 'ja' | 'en';

/** The verdict of one system in words and colour. */
export function FeasibilityBadge({ f }: { f: FeasibilityView }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  // A dark red keeps white text readable (4.5:1) on the filled badge.
  const color = { meets: 'green', misses: 'red.9', no_target: 'gray', no_procedure: 'gray' }[f.verdict];
  return (
    <Badge
      color={color}
      variant={f.verdict === 'misses' ? 'filled' : 'light'}
      style={{ textTransform: 'none' }}
    >
      {f.verdict === 'misses'
        ? t('recovery.verdict.misses', { gap: formatMinutes(f.gapMinutes, lang) })
        : t(`recovery.verdict.${f.verdict}`)}
    </Badge>
  );
}

/** One figure of where the plan stands: its label, its value (in red when `alarm`). */
function StatusCard({
  label,
  value,
  alarm = false,
  testId,
}: {
  label: string;
  value: string;
  alarm?: boolean;
  testId?: string;
}) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={alarm ? 'red.8' : undefined} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

/** /recovery — where the plan stands, the recovery order, incidents, owners and contacts, first response. */
export function RecoveryPage() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ja';
  const overview = useRecoveryOverview();
  const content = useRecoveryContent();
  if (overview.isPending || content.isPending)
    return (
      <>
        <PageHeader title={t('recovery.title')} />
        <PageSkeleton shape="table" />
      </>
    );
  if (overview.isError || content.isError)
    return (
      <>
        <PageHeader title={t('recovery.title')} />
        <LoadError error={overview.error ?? content.error} onRetry={() => overview.refetch()} />
      </>
    );
  const o = overview.data;
  const names = new Map(o.systems.map((s) => [s.id, s.name]));
  return (
    <>
      <PageHeader title={t('recovery.title')} description={t('recovery.description')} />
      <Stack gap="xl">
        <section aria-labelledby="recovery-status">
          <Title order={2} size="h3" id="recovery-status" mb="sm">
            {t('recovery.status.title')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
            <StatusCard
              label={t('recovery.status.withProcedureLabel')}
              value={t('recovery.status.withProcedure', {
                count: o.counts.withProcedure,
                total: o.counts.systems,
              })}
              testId="recovery-with-procedure"
            />
            <StatusCard
              label={t('recovery.status.missLabel')}
              value={t('recovery.status.miss', { count: o.counts.missTarget })}
              alarm={o.counts.missTarget > 0}
              testId="recovery-misses"
            />
            <StatusCard
              label={t('recovery.status.urgentLabel')}
              value={t('recovery.status.urgent', { count: o.counts.urgentWithout })}
            />
          </SimpleGrid>
          <Text size="sm" mb="xs">
            {t('recovery.status.orderHint')}
          </Text>
          {o.cycles.map((c) => (
            <Alert key={c.join()} color="orange" mb="xs">
              {t('recovery.status.cycle', { names: c.map((id) => names.get(id) ?? id).join(' → ') })}
            </Alert>
          ))}
          {o.systems.length === 0 ? (
            <Text>{t('recovery.status.noSystems')}</Text>
          ) : (
            <ResponsiveTable<OverviewSystem & { position: number }>
              labelledBy="recovery-status"
              minWidth={760}
              rows={o.systems.map((s, i) => ({ ...s, position: i + 1 }))}
              rowKey={(s) => s.id}
              columns={[
                {
                  header: t('recovery.columns.system'),
                  cell: (s) => (
                    <Anchor component={Link} to={`/recovery/systems/${encodeURIComponent(s.id)}`}>
                      {t('recovery.columns.position', { position: s.position, name: s.name })}
                    </Anchor>
                  ),
                },
                {
                  header: t('recovery.columns.priority'),
                  cell: (s) => <PriorityBadge priority={s.priority} />,
                },
                {
                  header: t('recovery.columns.target'),
                  cell: (s) => rtoLabel(t, s.requiredRto),
                  nowrap: true,
                },
                {
                  header: t('recovery.columns.back'),
                  cell: (s) =>
                    s.feasibility.backAfterMinutes === null
                      ? '—'
                      : formatMinutes(s.feasibility.backAfterMinutes, lang),
                  nowrap: true,
                },
                {
                  header: t('recovery.columns.verdict'),
                  cell: (s) => <FeasibilityBadge f={s.feasibility} />,
                },
              ]}
            />
          )}
        </section>
        <IncidentSection content={content.data} systems={o.systems} lang={lang} />
        <ContactsSection content={content.data} lang={lang} />
        <section aria-labelledby="recovery-first-response">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h3" id="recovery-first-response">
              {t('recovery.firstResponse.title')}
            </Title>
            <Anchor component={Link} to="/recovery/first-response">
              {t('recovery.firstResponse.open')}
            </Anchor>
          </Group>
          <FirstResponse content={content.data} lang={lang} />
        </section>
      </Stack>
    </>
  );
}

/** Pick an incident: edit how the company assumes it and see the systems it touches. */
function IncidentSection({
  content,
  systems,
  lang,
}: {
  content: RecoveryContent;
  systems: OverviewSystem[];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const incidents = useIncidents();
  const [chosen, setChosen] = useState<IncidentType>('ransomware');
  const current = incidents.data?.items.find((i) => i.incident === chosen);
  const info = content.incidents.find((i) => i.id === chosen);
  return (
    <section aria-labelledby="recovery-incidents">
      <Title order={2} size="h3" id="recovery-incidents" mb="xs">
        {t('recovery.incidents.title')}
      </Title>
      <Text size="sm" mb="sm">
        {t('recovery.incidents.intro')}
      </Text>
      <Select
        label={t('recovery.incidents.choose')}
        data={content.incidents.map((i) => {
          const saved = incidents.data?.items.find((x) => x.incident === i.id);
          return {
            value: i.id,
            label: saved?.assumed
              ? t('recovery.incidents.assumedLabel', { name: i.label[lang] })
              : i.label[lang],
          };
        })}
        value={chosen}
        onChange={(v) => v && setChosen(v as IncidentType)}
        allowDeselect={false}
        maw={420}
        mb="sm"
      />
      {info && (
        <Text size="sm" c="dimmed" mb="sm">
          {info.description[lang]}
        </Text>
      )}
      {incidents.isError && <LoadError error={incidents.error} onRetry={() => incidents.refetch()} />}
      {current && info && (
        <IncidentForm
          key={`${current.incident}:${current.version}`}
          incident={current}
          info={info}
          lang={lang}
        />
      )}
      {current && <AffectedSystems layers={current.layers} systems={systems} lang={lang} />}
    </section>
  );
}

function IncidentForm({
  incident,
  info,
  lang,
}: {
  incident: Incident;
  info: RecoveryContent['incidents'][number];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const write = can('inventory.write');
  const [assumed, setAssumed] = useState(incident.assumed);
  const [whatStops, setWhatStops] = useState(incident.whatStops ?? '');
  const [why, setWhy] = useState(incident.whyItMatters ?? '');
  const [layers, setLayers] = useState<string[]>(incident.layers.map(String));
  const save = useRecoveryChange(
    () =>
      api.put(
        `/recovery/incidents/${incident.incident}`,
        {
          assumed,
          whatStops: whatStops.trim() || null,
          whyItMatters: why.trim() || null,
          layers: layers.map(Number),
        },
        { ifMatch: incident.version },
      ),
    'recovery.saved',
  );
  // The incident's two sentences: read-only for a reader, growing with what is typed.
  const textProps = (value: string, set: (v: string) => void) => ({
    value,
    readOnly: !write,
    autosize: true,
    minRows: 2,
    onChange: (e: ChangeEvent<HTMLTextAreaElement>) => set(e.currentTarget.value),
  });
  return (
    <Paper withBorder p="sm" mb="sm">
      <Stack gap="xs">
        <Checkbox
          label={t('recovery.incidents.assumed')}
          checked={assumed}
          disabled={!write}
          onChange={(e) => setAssumed(e.currentTarget.checked)}
        />
        <Textarea
          label={t('recovery.incidents.whatStops')}
          placeholder={info.exampleStops[lang]}
          {...textProps(whatStops, setWhatStops)}
        />
        <Textarea
          label={t('recovery.incidents.why')}
          placeholder={info.exampleWhy[lang]}
          {...textProps(why, setWhy)}
        />
        <Checkbox.Group
          label={
            <>
              {t('recovery.incidents.layersBefore')}
              <GlossaryTerm id="layer">{t('glossary.terms.layer')}</GlossaryTerm>
              {t('recovery.incidents.layersAfter')}
            </>
          }
          value={layers}
          onChange={setLayers}
        >
          <Group gap="sm" mt={4}>
            {IT_LAYERS.map((l) => (
              <Checkbox key={l} value={String(l)} label={LAYER_LABELS[l][lang]} disabled={!write} />
            ))}
          </Group>
        </Checkbox.Group>
        {write && (
          <Group>
            <Button onClick={() => save.mutate()} loading={save.isPending}>
              {t('recovery.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** Only the systems the incident touches, each with its parts in the damaged layers. */
function AffectedSystems({
  layers,
  systems,
  lang,
}: {
  layers: ItLayer[];
  systems: OverviewSystem[];
  lang: Lang;
}) {
  const { t } = useTranslation();
  const hit = useMemo(
    () =>
      affectedSystems(
        layers,
        systems.map((s) => ({ id: s.id, layers: s.components.map((c) => c.layer), needs: s.needs })),
      ),
    [layers, systems],
  );
  const names = new Map(systems.map((s) => [s.id, s.name]));
  const rows = systems.filter((s) => hit.has(s.id));
  return (
    <div>
      <Title order={3} size="h5" id="recovery-affected" mb="xs">
        {t('recovery.incidents.affected', { count: rows.length })}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{t('recovery.incidents.noneAffected')}</Text>
      ) : (
        <ResponsiveTable<OverviewSystem>
          labelledBy="recovery-affected"
          minWidth={640}
          rows={rows}
          rowKey={(s) => s.id}
          columns={[
            {
              header: t('recovery.columns.system'),
              cell: (s) => (
                <Anchor component={Link} to={`/recovery/systems/${encodeURIComponent(s.id)}`}>
                  {s.name}
                </Anchor>
              ),
            },
            {
              header: t('recovery.incidents.damagedParts'),
              cell: (s) => {
                const via = hit.get(s.id);
                const parts = s.components.filter((c) => layers.includes(c.layer));
                if (via) return t('recovery.incidents.through', { name: names.get(via) ?? '' });
                if (parts.length === 0) return t('recovery.incidents.software');
                return parts
                  .map((c) => `${c.name}（${LAYER_LABELS[c.layer][lang]}）`)
                  .join(lang === 'ja' ? '、' : ', ');
              },
            },
            { header: t('recovery.columns.verdict'), cell: (s) => <FeasibilityBadge f={s.feasibility} /> },
          ]}
        />
      )}
    </div>
  );
}
