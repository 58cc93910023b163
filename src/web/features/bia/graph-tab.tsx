import { Card, Group, Stack, Text } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BiaView } from '../../../shared/bia-api.js';
import { usePhone } from '../../app/list-filters.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { rtoLabel } from '../graph/labels.js';
import { nameMap } from './api.js';
import { PriorityBadge } from './priority-badge.js';
import { useGraphNodes } from './use-graph-nodes.js';

const GraphView = lazy(() => import('./graph-view.js'));

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

/** /bia/graph — the dependency graph coloured by priority, inversions marked; a click shows a node. */
export function GraphTab({ view }: { view: BiaView }) {
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
