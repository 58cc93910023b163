import { Card, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BiaView } from '../../../shared/bia-api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { nodeKindLabel, rtoLabel } from '../graph/labels.js';
import { nameMap, useImpact } from './api.js';
import { useGraphNodes } from './use-graph-nodes.js';

const GraphView = lazy(() => import('./graph-view.js'));

/** /bia/impact — pick a system, component or supplier: which operations stop with it. */
export function ImpactTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
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
                <ResponsiveTable
                  labelledBy="impact-title"
                  minWidth={0}
                  look={{ striped: false, verticalSpacing: 4 }}
                  rows={impact.data.operations}
                  rowKey={(o) => o.id}
                  columns={[
                    { header: t('bia.results.operation'), cell: (o) => o.name },
                    {
                      header: t('bia.results.priority'),
                      cell: (o) => <PriorityBadge priority={o.priority} />,
                    },
                    { header: t('bia.results.rto'), cell: (o) => rtoLabel(t, o.rto) },
                  ]}
                />
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
              />
            </Suspense>
          )}
        </SimpleGrid>
      )}
    </Stack>
  );
}
