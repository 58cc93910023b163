import {
  Accordion,
  Alert,
  Button,
  Card,
  Group,
  List,
  Modal,
  NativeSelect,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dequal } from 'dequal';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../domain/bia.js';
import type { BiaSettings, ScaleChangeReport } from '../../../shared/bia-api.js';
import { ApiError, api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { FormError } from '../../app/forms.js';
import { Jargon } from '../../app/jargon.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { RtoInput } from '../../app/rto-input.js';
import { ScrollTable } from '../../app/scroll-table.js';
import { useCan } from '../../app/session.js';
import { ConflictNotice } from '../../app/versioned-form.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';
import { featureIssueMessage, PRIORITY_COLORS } from '../graph/labels.js';
import { useBiaContent, useBiaSettings } from './api.js';
import { LevelMatrix } from './level-matrix.js';
import { draftOf, isDraftChanged, type RtoTable, rebaseDraft, type SettingsDraft } from './settings-draft.js';

/** The saved settings the user started from, and what they have changed since. */
interface Editing {
  base: BiaSettings;
  draft: SettingsDraft;
}

/**
 * Scale, level definitions, the priority matrix (every cell) and the RTO table (presets or custom).
 * Saving sends the version the user started from; when someone else saved in between, the user
 * reloads the latest settings with their own changes kept on top (rebaseDraft), then saves again.
 */
export function SettingsPanel() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const settings = useBiaSettings();
  const content = useBiaContent();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [rebased, setRebased] = useState(false);
  const [report, setReport] = useState<ScaleChangeReport | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'ja';

  // Start editing from the saved settings. A later load replaces the form only while nothing is
  // changed in it: a refresh never throws away what the user chose (their save meets the conflict).
  const data = settings.data;
  useEffect(() => {
    if (!data) return;
    setEditing((e) => (e && isDraftChanged(e.draft, e.base) ? e : { base: data, draft: draftOf(data) }));
  }, [data]);
  const draft = editing?.draft;
  const edit = (change: Partial<SettingsDraft>) =>
    setEditing((e) => e && { ...e, draft: { ...e.draft, ...change } });
  const startFrom = (saved: BiaSettings) => {
    setEditing({ base: saved, draft: draftOf(saved) });
    setRebased(false);
  };

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: BIA_KEY });
    await client.invalidateQueries({ queryKey: INVENTORY_KEY });
  };

  const presetTables: { id: string; table: RtoTable }[] = content.data?.rtoTables ?? [];

  const save = useMutation({
    mutationFn: () => {
      if (!editing) throw new Error('nothing to save');
      const { matrix, rtoTable, rtoPreset } = editing.draft;
      const presetTable = content.data?.rtoTables.find((p) => p.id === rtoPreset);
      const body =
        presetTable && dequal(presetTable.table, rtoTable) ? { matrix, rtoPreset } : { matrix, rtoTable };
      return api.patch<BiaSettings>('/bia/settings', body, { ifMatch: editing.base.version });
    },
    onSuccess: async (saved) => {
      startFrom(saved);
      setError(null);
      notify(t('bia.settings.saved'));
      await refresh();
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) setConflict(true);
      else setError(err);
    },
  });

  const scaleCheck = useMutation({
    mutationFn: (v: { scale: 3 | 5; apply: boolean }) =>
      api.post<ScaleChangeReport>('/bia/settings/scale', v, { ifMatch: editing?.base.version ?? 0 }),
    onSuccess: async (r) => {
      if (r.applied) {
        // The matrix is the new scale's preset now; RTO changes not yet saved stay in the form.
        setEditing((e) => ({
          base: r.settings,
          draft: e ? rebaseDraft(e.draft, e.base, r.settings, presetTables) : draftOf(r.settings),
        }));
        setReport(null);
        notify(t('bia.settings.scaleChanged', { scale: r.to }));
        await refresh();
      } else setReport(r);
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) setConflict(true);
      else setError(err);
    },
  });

  const reload = useMutation({
    mutationFn: async () => {
      const latest = await settings.refetch();
      if (latest.error) throw latest.error;
      return latest.data;
    },
    onSuccess: (latest) => {
      if (!latest) return;
      setEditing((e) => ({
        base: latest,
        draft: e ? rebaseDraft(e.draft, e.base, latest, presetTables) : draftOf(latest),
      }));
      setConflict(false);
      setRebased(true);
    },
    onError: setError,
  });
  if (settings.isPending || content.isPending || !editing || !draft) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  if (content.isError) return <LoadError error={content.error} onRetry={() => void content.refetch()} />;
  const { matrix, rtoTable: table, rtoPreset: preset } = draft;
  const scale = editing.base.scale;
  const scaleContent = content.data.scales.find((s) => s.scale === scale);
  const issues = error instanceof ApiError ? error.issues : [];
  const cellIssue = (d: number, i: number) =>
    issues.find((x) => x.path[0] === 'matrix' && Number(x.path[1]) === d - 1 && Number(x.path[2]) === i - 1);
  const rtoIssue = (p: string) => issues.find((x) => x.path[0] === 'rtoTable' && x.path[1] === p);
  const otherIssues = issues.filter((x) => x.path[0] !== 'matrix' && x.path[0] !== 'rtoTable');
  const formError =
    error && (!(error instanceof ApiError) || error.issues.length === 0)
      ? errorMessage(t, error)
      : otherIssues.map((x) => featureIssueMessage(t, x)).join(' ') ||
        (issues.length > 0 ? t('bia.settings.fixCells') : null);

  const levelName = (axis: 'importance' | 'dependency', level: number) =>
    scaleContent?.[axis].find((l) => l.level === level)?.label[lang] ?? String(level);

  return (
    <Stack gap="lg">
      {conflict && (
        <ConflictNotice
          message={t('bia.settings.conflict')}
          reloadLabel={t('bia.settings.reload')}
          loading={reload.isPending}
          onReload={() => reload.mutate()}
        />
      )}
      {rebased && !conflict && (
        <Alert color="blue" role="status">
          <Text size="sm">{t('bia.settings.rebased')}</Text>
        </Alert>
      )}
      <FormError message={formError} />

      <SettingsSection id="bia-scale" title={t('bia.settings.scale')} hint={t('bia.settings.scaleHint')}>
        <SegmentedControl
          aria-label={t('bia.settings.scale')}
          value={String(scale)}
          disabled={!write || scaleCheck.isPending}
          data={[
            { value: '3', label: t('bia.settings.levels', { count: 3 }) },
            { value: '5', label: t('bia.settings.levels', { count: 5 }) },
          ]}
          onChange={(v) => scaleCheck.mutate({ scale: Number(v) as 3 | 5, apply: false })}
        />
        <Accordion mt="sm" variant="contained">
          {(['importance', 'dependency'] as const).map((axis) => (
            <Accordion.Item key={axis} value={axis}>
              <Accordion.Control>{t(`bia.settings.definitions.${axis}`)}</Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  {(scaleContent?.[axis] ?? []).map((l) => (
                    <div key={l.level}>
                      <Text size="sm" fw={600}>
                        {l.level} — {l.label[lang]}
                      </Text>
                      <List size="sm">
                        {l.examples.map((e) => (
                          <List.Item key={e.ja}>{e[lang]}</List.Item>
                        ))}
                      </List>
                    </div>
                  ))}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </SettingsSection>

      <SettingsSection id="bia-matrix" title={t('bia.settings.matrix')} hint={t('bia.settings.matrixHint')}>
        <Group gap="xs" mb="sm">
          {content.data.matrices
            .filter((m) => m.matrix.scale === scale)
            .map((m) => (
              <Button
                key={m.id}
                size="xs"
                variant="default"
                disabled={!write}
                title={m.rule[lang]}
                onClick={() => edit({ matrix: m.matrix.cells.map((row) => [...row]) })}
              >
                {t('bia.settings.usePreset', { name: m.title[lang] })}
              </Button>
            ))}
        </Group>
        <ScrollTable labelledBy="bia-matrix" minWidth={scale === 5 ? 560 : 360}>
          <LevelMatrix
            scale={scale}
            caption={t('bia.settings.matrixCaption')}
            levelName={levelName}
            cell={(d, i) => {
              const value = matrix[d - 1]?.[i - 1] ?? '';
              const issue = cellIssue(d, i);
              return (
                <NativeSelect
                  aria-label={t('bia.settings.cellLabel', { importance: i, dependency: d })}
                  value={value}
                  disabled={!write}
                  error={issue ? featureIssueMessage(t, issue) : undefined}
                  data={[{ value: '', label: '—' }, ...PRIORITIES.map((p) => ({ value: p, label: p }))]}
                  onChange={(e) => {
                    const next = matrix.map((row) => [...row]);
                    const row = next[d - 1] ?? [];
                    row[i - 1] = e.currentTarget.value;
                    next[d - 1] = row;
                    edit({ matrix: next });
                  }}
                  w={72}
                  styles={{
                    input: {
                      fontWeight: 700,
                      background: value ? `var(--mantine-color-${PRIORITY_COLORS[value]}-1)` : undefined,
                    },
                  }}
                />
              );
            }}
          />
        </ScrollTable>
      </SettingsSection>

      <SettingsSection
        id="bia-rto"
        title={
          <>
            <Jargon explain={t('bia.rtoExplain')}>{t('bia.abbr.rto')}</Jargon> {t('bia.settings.rtoTable')}
          </>
        }
        hint={t('bia.settings.rtoHint')}
      >
        <Select
          label={t('bia.settings.rtoPreset')}
          maw={360}
          mb="sm"
          disabled={!write}
          allowDeselect={false}
          data={[
            ...content.data.rtoTables.map((p) => ({ value: p.id, label: p.title[lang] })),
            { value: 'custom', label: t('bia.settings.custom') },
          ]}
          value={preset}
          onChange={(v) => {
            const p = presetTables.find((x) => x.id === v);
            edit(p ? { rtoPreset: p.id, rtoTable: { ...p.table } } : { rtoPreset: 'custom' });
          }}
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {PRIORITIES.map((p) => {
            const issue = rtoIssue(p);
            return (
              <RtoInput
                key={p}
                label={t('bia.settings.rtoFor', { priority: p })}
                value={table[p]}
                disabled={!write}
                error={issue ? featureIssueMessage(t, issue) : undefined}
                onChange={(v) => {
                  if (!v) return;
                  edit({ rtoTable: { ...table, [p]: v }, rtoPreset: 'custom' });
                }}
              />
            );
          })}
        </SimpleGrid>
      </SettingsSection>

      {write && (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={conflict}>
            {t('bia.settings.save')}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setError(null);
              startFrom(settings.data);
            }}
          >
            {t('bia.settings.undo')}
          </Button>
        </Group>
      )}

      <Modal
        opened={report !== null}
        onClose={() => setReport(null)}
        title={t('bia.settings.scaleReportTitle', { from: report?.from ?? '', to: report?.to ?? '' })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {report && (
          <Stack gap="sm">
            <Text size="sm">
              {t('bia.settings.scaleReport', { moved: report.moved.length, levels: report.levelsChanged })}
            </Text>
            <Text size="sm">
              {PRIORITIES.map(
                (p) => `${p}: ${report.countsBefore[p] ?? 0} → ${report.countsAfter[p] ?? 0}`,
              ).join(' / ')}
            </Text>
            {report.moved.length > 0 && (
              <ScrollTable labelledBy="scale-moved" minWidth={420}>
                <Text id="scale-moved" size="sm" fw={600}>
                  {t('bia.settings.movedTitle')}
                </Text>
                <Table verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('bia.results.operation')}</Table.Th>
                      <Table.Th scope="col">{t('bia.settings.before')}</Table.Th>
                      <Table.Th scope="col">{t('bia.settings.after')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.moved.map((m) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>{m.name}</Table.Td>
                        <Table.Td>
                          {m.before.priority ?? '—'} ({m.before.importance ?? '—'}×
                          {m.before.dependency ?? '—'})
                        </Table.Td>
                        <Table.Td>
                          {m.after.priority ?? '—'} ({m.after.importance ?? '—'}×{m.after.dependency ?? '—'})
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollTable>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReport(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                loading={scaleCheck.isPending}
                onClick={() => report && scaleCheck.mutate({ scale: report.to, apply: true })}
              >
                {t('bia.settings.applyScale', { scale: report.to })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** One part of the settings: a card named by its heading, with a line on what it is for. */
function SettingsSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: ReactNode;
  hint: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={4}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </Card>
  );
}
