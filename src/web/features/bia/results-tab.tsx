import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { type BiaView, requirementPaths } from '../../../shared/bia-api.js';
import { DataTable } from '../../app/data-table.js';
import { usePhone } from '../../app/list-filters.js';
import { rtoLabel } from '../graph/labels.js';
import { nameMap } from './api.js';
import { pathNames } from './path-names.js';
import { PriorityBadge } from './priority-badge.js';

/** /bia/results — each operation's priority and RTO, then every system, component and supplier's and why. */
export function ResultsTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const names = nameMap(view);
  const pathOf = useMemo(() => requirementPaths(view), [view]);
  const phone = usePhone();
  const byType = (type: NodeKind) => view.nodes.filter((n) => n.type === type);
  // Rows an RTO inversion concerns: the operation that suffers, and both ends of the late link.
  const inverted = new Set(view.inversions.flatMap((i) => [i.dependant, i.dependency, i.operation ?? '']));
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
              <Table.Tr key={o.id} bg={inverted.has(o.id) ? 'red.0' : undefined}>
                <Table.Td fw={500}>
                  {o.name}
                  {inverted.has(o.id) && <InversionMark />}
                </Table.Td>
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
                <Table.Tr key={n.id} bg={inverted.has(n.id) ? 'red.0' : undefined}>
                  <Table.Td fw={500}>
                    {n.name}
                    {inverted.has(n.id) && <InversionMark />}
                  </Table.Td>
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

/** Marks a row that an RTO inversion concerns, linking to the inversion and its fix. */
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
