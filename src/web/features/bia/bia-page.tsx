import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  Title,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { type BiaView, requirementPaths } from '../../../shared/bia-api.js';
import { api } from '../../app/api.js';
import { DataTable } from '../../app/data-table.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { Jargon } from '../../app/jargon.js';
import { usePhone } from '../../app/list-filters.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { ScrollTable } from '../../app/scroll-table.js';
import { useCan } from '../../app/session.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { BIA_KEY, useGraph } from '../graph/api.js';
import { nodeKindLabel, PRIORITY_COLORS, rtoLabel } from '../graph/labels.js';
import { nameMap, useBiaDiff, useBiaSettings, useBiaView, useImpact, useSignoffs } from './api.js';
import { LevelMatrix } from './level-matrix.js';
import { SettingsPanel } from './settings-panel.js';

const GraphView = lazy(() => import('./graph-view.js'));

const TABS = ['results', 'inversions', 'heatmap', 'graph', 'impact', 'settings', 'signoff'] as const;

function PriorityBadge({ priority }: { priority: string | null | undefined }) {
  const { t } = useTranslation();
  if (!priority)
    return (
      <Text span size="sm" c="dimmed">
        {t('bia.noPriority')}
      </Text>
    );
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant="filled"
      aria-label={t('bia.priorityLabel', { priority })}
    >
      {priority}
    </Badge>
  );
}

/** /bia/:tab — business impact analysis: results, inversions, heat-map, graph, impact, settings, sign-off. */
export function BiaPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab: param } = useParams();
  const tab = TABS.find((x) => x === param);
  const view = useBiaView();
  if (!tab) return <Navigate to="/bia/results" replace />;

  return (
    <>
      <PageHeader title={t('bia.title')} description={t('bia.description')} />
      <Text size="sm" c="dimmed" mt={-12} mb="md">
        <Jargon explain={t('bia.biaExplain')}>{t('bia.abbr.bia')}</Jargon> ·{' '}
        <Jargon explain={t('bia.rtoExplain')}>{t('bia.abbr.rto')}</Jargon> · {t('bia.termsHint')}
      </Text>
      <Tabs value={tab} onChange={(v) => v && navigate(`/bia/${v}`)} mb="md">
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((x) => (
            <Tabs.Tab
              key={x}
              value={x}
              rightSection={
                x === 'inversions' && view.data && view.data.inversions.length > 0 ? (
                  <Badge color="red" size="sm" circle>
                    <span aria-hidden="true">{view.data.inversions.length}</span>
                    <VisuallyHidden>
                      {t('bia.inversionCount', { count: view.data.inversions.length })}
                    </VisuallyHidden>
                  </Badge>
                ) : undefined
              }
            >
              {t(`bia.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {tab === 'settings' ? (
        <SettingsPanel />
      ) : view.isPending ? (
        <PageLoader />
      ) : view.isError ? (
        <LoadError error={view.error} onRetry={() => void view.refetch()} />
      ) : tab === 'results' ? (
        <Results view={view.data} />
      ) : tab === 'inversions' ? (
        <Inversions view={view.data} />
      ) : tab === 'heatmap' ? (
        <Heatmap view={view.data} />
      ) : tab === 'graph' ? (
        <GraphTab view={view.data} />
      ) : tab === 'impact' ? (
        <ImpactTab view={view.data} />
      ) : (
        <SignoffTab />
      )}
    </>
  );
}

function pathNames(names: Map<string, string>, ids: string[]): string {
  return ids.map((id) => names.get(id) ?? '?').join(' → ');
}

function Results({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const names = nameMap(view);
  const pathOf = useMemo(() => requirementPaths(view), [view]);
  const phone = usePhone();
  const byType = (type: NodeKind) => view.nodes.filter((n) => n.type === type);
  return (
    <Stack gap="xl">
      <section aria-labelledby="bia-ops">
        <Title order={2} size="h3" id="bia-ops" mb={4}>
          {t('bia.results.operations')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('bia.results.operationsHint')}
        </Text>
        {view.operations.length === 0 ? (
          <Text c="dimmed">{t('bia.results.noOperations')}</Text>
        ) : (
          <DataTable
            labelledBy="bia-ops"
            minWidth={phone ? 560 : 700}
            columns={[
              t('bia.results.operation'),
              t('bia.results.importance'),
              t('bia.results.dependency'),
              t('bia.results.priority'),
              'RTO',
            ]}
          >
            {view.operations.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td fw={500}>{o.name}</Table.Td>
                <Table.Td>{o.importance ?? t('bia.results.notAssessed')}</Table.Td>
                <Table.Td>
                  {o.dependency}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t(`bia.results.dependencySource.${o.dependencySource}`)})
                  </Text>
                </Table.Td>
                <Table.Td>
                  <PriorityBadge priority={o.priority} />
                </Table.Td>
                <Table.Td>
                  {rtoLabel(t, o.rto)}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t(`bia.results.rtoSource.${o.rtoSource}`)})
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </section>
      {(['system', 'component', 'supplier'] as const).map((type) => (
        <section key={type} aria-labelledby={`bia-${type}`}>
          <Title order={2} size="h3" id={`bia-${type}`} mb={4}>
            {t(`bia.results.nodes.${type}`)}
          </Title>
          {byType(type).length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('bia.results.noNodes')}
            </Text>
          ) : (
            <DataTable
              labelledBy={`bia-${type}`}
              minWidth={720}
              columns={[
                t('bia.results.name'),
                t('bia.results.priority'),
                t('bia.results.requiredRto'),
                t('bia.results.declaredRto'),
                t('bia.results.why'),
              ]}
            >
              {byType(type).map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td fw={500}>{n.name}</Table.Td>
                  <Table.Td>
                    <PriorityBadge priority={n.priority} />
                  </Table.Td>
                  <Table.Td>{n.requiredRto ? rtoLabel(t, n.requiredRto) : '—'}</Table.Td>
                  <Table.Td>{n.declaredRto ? rtoLabel(t, n.declaredRto) : '—'}</Table.Td>
                  <Table.Td>
                    {n.priorityFrom ? (
                      <Text size="sm">
                        {t('bia.results.whyText', { operation: names.get(n.priorityFrom) ?? '?' })}
                        <Text span size="xs" c="dimmed" display="block">
                          {pathNames(names, pathOf(n.id, 'priority'))}
                        </Text>
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('bia.results.unused')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </section>
      ))}
    </Stack>
  );
}

function Inversions({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const names = nameMap(view);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('bia.inversions.hint')}
      </Text>
      {view.inversions.length === 0 ? (
        <Alert color="teal">{t('bia.inversions.none')}</Alert>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {view.inversions.map((inv) => (
            <Card key={`${inv.dependant}>${inv.dependency}`} withBorder padding="sm" component="li">
              <Text fw={600}>
                {t('bia.inversions.item', {
                  dependant: names.get(inv.dependant) ?? '?',
                  dependency: names.get(inv.dependency) ?? '?',
                })}
              </Text>
              <Text size="sm">
                {t('bia.inversions.needs', {
                  name: names.get(inv.dependant) ?? '?',
                  rto: rtoLabel(t, inv.dependantRto),
                })}{' '}
                {t('bia.inversions.but', {
                  name: names.get(inv.dependency) ?? '?',
                  rto: rtoLabel(t, inv.dependencyRto),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('bia.inversions.chain')}: {pathNames(names, inv.chain)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Heatmap({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const settings = useBiaSettings();
  const [cell, setCell] = useState<{ d: number; i: number } | null>(null);
  const names = nameMap(view);
  const scale = view.scale;
  const ops = cell ? (view.heatmap.operations[cell.d - 1]?.[cell.i - 1] ?? []) : [];
  // The cells' priorities come from the settings: without them every cell would read "priority ".
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('bia.heatmap.hint')}
      </Text>
      <ScrollTable labelledBy="bia-heatmap-title" minWidth={scale === 5 ? 420 : 300}>
        <Title order={2} size="h4" id="bia-heatmap-title" mb="xs">
          {t('bia.heatmap.title')}
        </Title>
        <LevelMatrix
          scale={scale}
          caption={t('bia.heatmap.caption')}
          cell={(d, i) => {
            const count = view.heatmap.counts[d - 1]?.[i - 1] ?? 0;
            const priority = settings.data?.matrix[d - 1]?.[i - 1] ?? '';
            const active = cell?.d === d && cell.i === i;
            return (
              <UnstyledButton
                onClick={() => setCell(active ? null : { d, i })}
                aria-pressed={active}
                aria-label={t('bia.heatmap.cellLabel', {
                  importance: i,
                  dependency: d,
                  priority,
                  count,
                })}
                style={{
                  width: 64,
                  height: 52,
                  borderRadius: 6,
                  textAlign: 'center',
                  background: `var(--mantine-color-${PRIORITY_COLORS[priority] ?? 'gray'}-${count > 0 ? 2 : 0})`,
                  outline: active ? '3px solid var(--mantine-color-dark-6)' : undefined,
                }}
              >
                <Text size="xs" fw={700}>
                  {priority}
                </Text>
                <Text size="lg" fw={700}>
                  {count}
                </Text>
              </UnstyledButton>
            );
          }}
        />
      </ScrollTable>
      {cell && (
        <Card withBorder padding="sm" aria-live="polite">
          <Text fw={600} mb={4}>
            {t('bia.heatmap.cellTitle', { importance: cell.i, dependency: cell.d })}
          </Text>
          {ops.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('bia.heatmap.cellEmpty')}
            </Text>
          ) : (
            <List size="sm">
              {ops.map((id) => (
                <List.Item key={id}>{names.get(id) ?? id}</List.Item>
              ))}
            </List>
          )}
        </Card>
      )}
      {view.unassessed.length > 0 && (
        <Alert color="yellow">
          {t('bia.heatmap.unassessed', {
            count: view.unassessed.length,
            names: view.unassessed.map((id) => names.get(id) ?? id).join('、'),
          })}
        </Alert>
      )}
    </Stack>
  );
}

function useGraphNodes(view: BiaView) {
  const graph = useGraph();
  const nodes = useMemo(() => {
    const pri = new Map<string, string | null>();
    for (const o of view.operations) pri.set(o.id, o.priority);
    for (const n of view.nodes) pri.set(n.id, n.priority);
    return (graph.data?.nodes ?? []).map((n) => ({ ...n, priority: pri.get(n.id) ?? null }));
  }, [graph.data, view]);
  return { graph, nodes };
}

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md" wrap="wrap">
      {(['operation', 'system', 'component', 'supplier'] as const).map((type) => (
        <Text key={type} size="xs">
          {t(`bia.graph.legend.${type}`)}
        </Text>
      ))}
      <Text size="xs" c="red.8">
        {t('bia.graph.legend.inversion')}
      </Text>
    </Group>
  );
}

function GraphTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const { graph, nodes } = useGraphNodes(view);
  const [selected, setSelected] = useState<string | null>(null);
  const inv = useMemo(() => {
    const edges = new Set<string>();
    const ends = new Set<string>();
    for (const i of view.inversions) {
      edges.add(`${i.dependant}>${i.dependency}`);
      ends.add(i.dependant);
      ends.add(i.dependency);
    }
    return { edges, ends };
  }, [view]);
  const info = selected ? view.nodes.find((n) => n.id === selected) : null;
  const op = selected ? view.operations.find((o) => o.id === selected) : null;
  const names = nameMap(view);
  if (graph.isPending) return <PageLoader />;
  if (graph.isError) return <LoadError error={graph.error} onRetry={() => void graph.refetch()} />;
  if (nodes.length === 0) return <Text c="dimmed">{t('bia.graph.empty')}</Text>;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('bia.graph.hint')}
      </Text>
      <Legend />
      <Suspense fallback={<PageLoader />}>
        <GraphView
          nodes={nodes}
          edges={graph.data.edges}
          inversionEdges={inv.edges}
          inversionNodes={inv.ends}
          selected={selected}
          onSelect={setSelected}
          label={[
            t('bia.graph.label', { nodes: nodes.length, edges: graph.data.edges.length }),
            ...(inv.edges.size > 0 ? [t('bia.graph.labelInversions', { count: inv.edges.size })] : []),
          ].join(' ')}
          height={phone ? 420 : 600}
        />
      </Suspense>
      {(info || op) && (
        <Card withBorder padding="sm" aria-live="polite">
          <Group gap="xs">
            <Text fw={600}>{info?.name ?? op?.name}</Text>
            <PriorityBadge priority={info?.priority ?? op?.priority} />
          </Group>
          {op && <Text size="sm">{t('bia.rtoValue', { rto: rtoLabel(t, op.rto) })}</Text>}
          {info && (
            <Text size="sm">
              {t('bia.results.requiredRto')}: {info.requiredRto ? rtoLabel(t, info.requiredRto) : '—'}
              {info.priorityFrom &&
                ` · ${t('bia.results.whyText', { operation: names.get(info.priorityFrom) ?? '?' })}`}
            </Text>
          )}
        </Card>
      )}
    </Stack>
  );
}

function ImpactTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const [pick, setPick] = useState<string | null>(null);
  const node = pick ? (view.nodes.find((n) => n.id === pick) ?? null) : null;
  const impact = useImpact(node ? { type: node.type, id: node.id } : null);
  const { graph, nodes } = useGraphNodes(view);
  const hit = useMemo(() => new Set(impact.data?.nodes ?? []), [impact.data]);
  const names = nameMap(view);
  const options = (['system', 'component', 'supplier'] as const).map((type) => ({
    group: nodeKindLabel(t, type),
    items: view.nodes.filter((n) => n.type === type).map((n) => ({ value: n.id, label: n.name })),
  }));
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('bia.impact.hint')}
      </Text>
      <Select
        label={t('bia.impact.pick')}
        placeholder={t('bia.impact.pickPlaceholder')}
        data={options}
        value={pick}
        onChange={setPick}
        searchable
        clearable
        nothingFoundMessage={t('common.nothingFound')}
        maw={480}
      />
      {impact.isFetching && <PageLoader />}
      {impact.isError && <LoadError error={impact.error} onRetry={() => void impact.refetch()} />}
      {impact.data && node && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder padding="md" component="section" aria-labelledby="impact-title">
            <Title order={2} size="h4" id="impact-title" mb="xs">
              {t('bia.impact.title', { name: node.name, count: impact.data.operations.length })}
            </Title>
            {impact.data.operations.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('bia.impact.noneStop')}
              </Text>
            ) : (
              <>
                <Text size="sm" mb="xs">
                  {t('bia.impact.summary', {
                    priority: impact.data.highestPriority ?? '—',
                    rto: rtoLabel(t, impact.data.tightestRto),
                    operation: impact.data.tightestRtoOperation
                      ? (names.get(impact.data.tightestRtoOperation) ?? '')
                      : '—',
                  })}
                </Text>
                <Table verticalSpacing={4}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('bia.results.operation')}</Table.Th>
                      <Table.Th scope="col">{t('bia.results.priority')}</Table.Th>
                      <Table.Th scope="col">{t('bia.abbr.rto')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {impact.data.operations.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td>{o.name}</Table.Td>
                        <Table.Td>
                          <PriorityBadge priority={o.priority} />
                        </Table.Td>
                        <Table.Td>{rtoLabel(t, o.rto)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </>
            )}
          </Card>
          {graph.data && (
            <Suspense fallback={<PageLoader />}>
              <GraphView
                nodes={nodes}
                edges={graph.data.edges}
                highlightNodes={hit}
                selected={node.id}
                label={t('bia.impact.graphLabel', { name: node.name, count: hit.size })}
                height={phone ? 360 : 480}
              />
            </Suspense>
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function diffState(
  t: TFunction,
  s: { priority: string | null; rto: Parameters<typeof rtoLabel>[1] },
): string {
  return `${s.priority ?? '—'} / ${rtoLabel(t, s.rto)}`;
}

function SignoffTab() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const signoffs = useSignoffs();
  const diff = useBiaDiff();
  const [note, setNote] = useState('');
  const sign = useMutation({
    mutationFn: () => api.post('/bia/signoffs', { note: textOrNull(note) }),
    onSuccess: async () => {
      setNote('');
      notify(t('bia.signoff.done'));
      await client.invalidateQueries({ queryKey: BIA_KEY });
    },
    onError: (err) => notify(errorMessage(t, err), 'red'),
  });
  const last = signoffs.data?.items[0];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('bia.signoff.hint')}
      </Text>
      {last ? (
        <Alert color="teal">
          {t('bia.signoff.last', { name: last.signedByName ?? '—', when: formatDateTime(last.signedAt) })}
          {last.note && ` — ${last.note}`}
        </Alert>
      ) : (
        <Alert color="gray">{t('bia.signoff.never')}</Alert>
      )}
      {can('inventory.write') && (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Textarea
              label={t('bia.signoff.note')}
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={2}
            />
            <Group>
              <Button onClick={() => sign.mutate()} loading={sign.isPending}>
                {t('bia.signoff.button')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <section aria-labelledby="bia-diff">
        <Title order={2} size="h4" id="bia-diff" mb="xs">
          {t('bia.signoff.diffTitle')}
        </Title>
        {diff.isPending ? (
          <PageLoader />
        ) : diff.isError ? (
          <LoadError error={diff.error} onRetry={() => void diff.refetch()} />
        ) : diff.data.added.length + diff.data.removed.length + diff.data.changed.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('bia.signoff.noChanges')}
          </Text>
        ) : (
          <Stack gap="xs">
            {diff.data.changed.map((c) => (
              <Text key={c.id} size="sm">
                <Badge color="orange" variant="light" mr={6}>
                  {t('bia.signoff.changed')}
                </Badge>
                {nodeKindLabel(t, c.type)}「{c.name}」: {diffState(t, c.before)} → {diffState(t, c.after)}
              </Text>
            ))}
            {diff.data.added.map((c) => (
              <Text key={c.id} size="sm">
                <Badge color="teal" variant="light" mr={6}>
                  {t('bia.signoff.added')}
                </Badge>
                {nodeKindLabel(t, c.type)}「{c.name}」
              </Text>
            ))}
            {diff.data.removed.map((c) => (
              <Text key={c.id} size="sm">
                <Badge color="gray" variant="light" mr={6}>
                  {t('bia.signoff.removed')}
                </Badge>
                {nodeKindLabel(t, c.type)}「{c.name}」
              </Text>
            ))}
          </Stack>
        )}
      </section>
      {signoffs.data && signoffs.data.items.length > 1 && (
        <section aria-labelledby="bia-signoffs">
          <Title order={2} size="h4" id="bia-signoffs" mb="xs">
            {t('bia.signoff.history')}
          </Title>
          <List size="sm">
            {signoffs.data.items.map((s) => (
              <List.Item key={s.id}>
                {formatDateTime(s.signedAt)} — {s.signedByName ?? '—'}
                {s.note && ` (${s.note})`}
              </List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}
