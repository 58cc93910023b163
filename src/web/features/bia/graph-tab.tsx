import { Badge, Box, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { BiaView } from '../../../shared/bia-api.js';
import { usePhone } from '../../app/list-filters.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { nodeKindLabel, rtoLabel } from '../graph/labels.js';
import { nameMap } from './api.js';
import { NODE_STYLE } from './graph-layout.js';
import { useGraphNodes } from './use-graph-nodes.js';

const GraphView = lazy(() => import('./graph-view.js'));

const KINDS: readonly NodeKind[] = ['operation', 'system', 'component', 'supplier'];

function Legend() {
  const { t } = useTranslation();
  const swatch = (color: string, fill: string, dashed = false) => (
    <Box
      aria-hidden="true"
      w={18}
      h={12}
      style={{ border: `2px ${dashed ? 'dashed' : 'solid'} ${color}`, background: fill, borderRadius: 3 }}
    />
  );
  return (
    <Group gap="md" wrap="wrap">
      {KINDS.map((type) => (
        <Group key={type} gap={6} wrap="nowrap">
          {swatch(NODE_STYLE[type].color, NODE_STYLE[type].fill)}
          <Text size="sm">{t(`bia.graph.legend.${type}`)}</Text>
        </Group>
      ))}
      <Group gap={6} wrap="nowrap">
        {swatch('#e03131', '#fff5f5', true)}
        <Text size="sm" c="red.8">
          {t('bia.graph.legend.inversion')}
        </Text>
      </Group>
    </Group>
  );
}

/** Who depends on what, both ways, from the graph's edges. */
function useLinks(edges: readonly { fromId: string; toId: string }[]) {
  return useMemo(() => {
    const out = new Map<string, string[]>();
    const into = new Map<string, string[]>();
    for (const e of edges) {
      out.set(e.fromId, [...(out.get(e.fromId) ?? []), e.toId]);
      into.set(e.toId, [...(into.get(e.toId) ?? []), e.fromId]);
    }
    return { out, into };
  }, [edges]);
}

/** The selected node's facts: kind, priority, RTOs, why, what it uses and who uses it. */
function NodeDetails({
  view,
  id,
  links,
}: {
  view: BiaView;
  id: string | null;
  links: ReturnType<typeof useLinks>;
}) {
  const { t } = useTranslation();
  const names = nameMap(view);
  const info = id ? view.nodes.find((n) => n.id === id) : undefined;
  const op = id ? view.operations.find((o) => o.id === id) : undefined;
  const listOf = (ids: string[] | undefined) =>
    ids && ids.length > 0 ? ids.map((x) => names.get(x) ?? '?').join('、') : t('bia.graph.nothing');
  return (
    <Card withBorder padding="sm" aria-live="polite" aria-labelledby="bia-graph-details">
      <Title order={2} size="h5" id="bia-graph-details" mb={6}>
        {t('bia.graph.details')}
      </Title>
      {!id || (!info && !op) ? (
        <Text size="sm" c="dimmed">
          {t('bia.graph.pickNode')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} className="keep-words">
              {info?.name ?? op?.name}
            </Text>
            <PriorityBadge priority={info?.priority ?? op?.priority} />
          </Group>
          <Text size="xs" c="dimmed">
            {nodeKindLabel(t, info?.type ?? 'operation')}
          </Text>
          {op && <Text size="sm">{t('bia.rtoValue', { rto: rtoLabel(t, op.rto) })}</Text>}
          {info && (
            <>
              <Text size="sm">
                {t('bia.results.requiredRto')}: {info.requiredRto ? rtoLabel(t, info.requiredRto) : '—'}
              </Text>
              <Text size="sm">
                {t('bia.results.declaredRto')}: {info.declaredRto ? rtoLabel(t, info.declaredRto) : '—'}
              </Text>
              {info.priorityFrom && (
                <Text size="sm">
                  {t('bia.results.whyText', { operation: names.get(info.priorityFrom) ?? '?' })}
                </Text>
              )}
            </>
          )}
          {(
            [
              ['dependsOn', links.out],
              ['usedBy', links.into],
            ] as const
          ).map(([words, linked]) => (
            <Text key={words} size="sm">
              <Text span size="sm" c="dimmed">
                {t(`bia.graph.${words}`)}:
              </Text>{' '}
              {listOf(linked.get(id))}
            </Text>
          ))}
        </Stack>
      )}
    </Card>
  );
}

/**
 * The same dependencies as the drawing, for a phone: each operation (most urgent first) with what
 * it uses, nested down to the suppliers; an inversion is marked on the item that promises too
 * little. What no operation uses is listed after.
 */
function DependencyList({
  view,
  links,
  inversions,
}: {
  view: BiaView;
  links: ReturnType<typeof useLinks>;
  inversions: ReadonlySet<string>;
}) {
  const { t } = useTranslation();
  const names = nameMap(view);
  const priorityOf = new Map<string, string | null>([
    ...view.operations.map((o) => [o.id, o.priority] as const),
    ...view.nodes.map((n) => [n.id, n.priority] as const),
  ]);
  const order = 'SABCD';
  const ops = [...view.operations].sort(
    (a, b) => (a.priority ? order.indexOf(a.priority) : 9) - (b.priority ? order.indexOf(b.priority) : 9),
  );
  const reached = new Set<string>();
  const tree = (from: string, path: readonly string[]) => {
    const next = (links.out.get(from) ?? []).filter((id) => !path.includes(id));
    if (next.length === 0) return null;
    return (
      <List size="sm" withPadding listStyleType="disc">
        {next.map((id) => {
          reached.add(id);
          const inverted = inversions.has(`${from}>${id}`);
          return (
            <List.Item key={id}>
              <Group gap={6} wrap="wrap" component="span">
                <Text span size="sm" className="keep-words" c={inverted ? 'red.8' : undefined}>
                  {names.get(id) ?? '?'}
                </Text>
                <PriorityBadge priority={priorityOf.get(id) ?? null} />
                {inverted && (
                  <Badge color="red" variant="light" size="sm">
                    {t('bia.graph.inversionMark')}
                  </Badge>
                )}
              </Group>
              {tree(id, [...path, id])}
            </List.Item>
          );
        })}
      </List>
    );
  };
  const unused = view.nodes.filter((n) => !links.into.has(n.id));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('bia.graph.listHint')}
      </Text>
      <Stack
        gap="sm"
        component="ul"
        aria-label={t('bia.graph.listLabel')}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {ops.map((o) => (
          <Card key={o.id} withBorder padding="sm" component="li">
            <Group gap="xs" wrap="wrap">
              <Text fw={600} className="keep-words">
                {o.name}
              </Text>
              <PriorityBadge priority={o.priority} />
              <Text size="sm" c="dimmed">
                {rtoLabel(t, o.rto)}
              </Text>
            </Group>
            {tree(o.id, [o.id]) ?? (
              <Text size="sm" c="dimmed">
                {t('bia.graph.nothing')}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
      {unused.length > 0 && (
        <Text size="sm">
          <Text span size="sm" c="dimmed">
            {t('bia.graph.unused')}:
          </Text>{' '}
          {unused.map((n) => n.name).join('、')}
        </Text>
      )}
    </Stack>
  );
}

/**
 * /bia/graph — the dependency graph coloured by priority, inversions marked; a click shows the
 * node's details beside the drawing. On a phone, the same paths as a list.
 */
export function GraphTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const { graph, nodes } = useGraphNodes(view);
  const [selected, setSelected] = useState<string | null>(null);
  const links = useLinks(graph.data?.edges ?? []);
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
  if (graph.isPending) return <PageLoader />;
  if (graph.isError) return <LoadError error={graph.error} onRetry={() => void graph.refetch()} />;
  if (nodes.length === 0) return <Text c="dimmed">{t('bia.graph.empty')}</Text>;
  if (phone) return <DependencyList view={view} links={links} inversions={inv.edges} />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('bia.graph.hint')}
      </Text>
      <Legend />
      <Group align="flex-start" gap="md" wrap="nowrap">
        <Box style={{ flex: 1, minWidth: 0 }}>
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
            />
          </Suspense>
        </Box>
        <Box w={260} style={{ flexShrink: 0, position: 'sticky', top: 72 }} mt={36}>
          <NodeDetails view={view} id={selected} links={links} />
        </Box>
      </Group>
    </Stack>
  );
}
