import { Badge, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { type BiaView, requirementPaths } from '../../../shared/bia-api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { TitledSection } from '../../app/register-list.js';
import { rtoLabel } from '../graph/labels.js';
import { nameMap } from './api.js';
import { pathNames } from './path-names.js';

/** /bia/results — each operation's priority and RTO, then every system, component and supplier's and why. */
export function ResultsTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const names = nameMap(view);
  const pathOf = useMemo(() => requirementPaths(view), [view]);
  const byType = (type: NodeKind) => view.nodes.filter((n) => n.type === type);
  // Rows an RTO inversion concerns: the operation that suffers, and both ends of the late link.
  const inverted = new Set(view.inversions.flatMap((i) => [i.dependant, i.dependency, i.operation ?? '']));
  const marked = (row: { id: string }) =>
    inverted.has(row.id) ? { bg: 'red.0', 'data-marked': true } : undefined;
  return (
    <Stack gap="xl">
      <TitledSection
        id="bia-ops"
        size="h3"
        title={t('bia.results.operations')}
        hint={t('bia.results.operationsHint')}
        empty={view.operations.length === 0 ? t('bia.results.noOperations') : undefined}
      >
        <ResponsiveTable
          labelledBy="bia-ops"
          minWidth={700}
          rows={view.operations}
          rowKey={(o) => o.id}
          rowProps={marked}
          columns={[
            {
              header: t('bia.results.operation'),
              cell: (o) => (
                <>
                  {o.name}
                  {inverted.has(o.id) && <InversionMark />}
                </>
              ),
            },
            { header: t('bia.results.priority'), cell: (o) => <PriorityBadge priority={o.priority} /> },
            {
              header: t('bia.results.rto'),
              cell: (o) => (
                <>
                  {rtoLabel(t, o.rto)}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t(`bia.results.rtoSource.${o.rtoSource}`)})
                  </Text>
                </>
              ),
            },
            {
              header: t('bia.results.importance'),
              cell: (o) => o.importance ?? t('bia.results.notAssessed'),
            },
            {
              header: t('bia.results.dependency'),
              cell: (o) => (
                <>
                  {o.dependency}
                  <Text span size="xs" c="dimmed">
                    {' '}
                    ({t(`bia.results.dependencySource.${o.dependencySource}`)})
                  </Text>
                </>
              ),
            },
          ]}
        />
      </TitledSection>
      {(['system', 'component', 'supplier'] as const).map((type) => (
        <TitledSection
          key={type}
          id={`bia-${type}`}
          size="h3"
          title={t(`bia.results.nodes.${type}`)}
          empty={byType(type).length === 0 ? t('bia.results.noNodes') : undefined}
        >
          <ResponsiveTable
            labelledBy={`bia-${type}`}
            minWidth={720}
            rows={byType(type)}
            rowKey={(n) => n.id}
            rowProps={marked}
            columns={[
              {
                header: t('bia.results.name'),
                cell: (n) => (
                  <>
                    {n.name}
                    {inverted.has(n.id) && <InversionMark />}
                  </>
                ),
              },
              { header: t('bia.results.priority'), cell: (n) => <PriorityBadge priority={n.priority} /> },
              {
                header: t('bia.results.requiredRto'),
                cell: (n) => (n.requiredRto ? rtoLabel(t, n.requiredRto) : '—'),
              },
              {
                header: t('bia.results.declaredRto'),
                cell: (n) => (n.declaredRto ? rtoLabel(t, n.declaredRto) : '—'),
              },
              {
                header: t('bia.results.why'),
                cell: (n) =>
                  n.priorityFrom ? (
                    <Text size="sm" component="div">
                      {t('bia.results.whyText', { operation: names.get(n.priorityFrom) ?? '?' })}
                      <Text span size="xs" c="dimmed" display="block">
                        {pathNames(names, pathOf(n.id, 'priority'))}
                      </Text>
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('bia.results.unused')}
                    </Text>
                  ),
              },
            ]}
          />
        </TitledSection>
      ))}
    </Stack>
  );
}

function InversionMark() {
  const { t } = useTranslation();
  return (
    <Badge
      component={Link}
      to="/bia/inversions"
      color="red"
      variant="light"
      ml={6}
      style={{ cursor: 'pointer' }}
    >
      {t('bia.fix.rowMark')}
    </Badge>
  );
}
