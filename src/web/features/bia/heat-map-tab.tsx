import { Alert, Box, Card, Grid, Group, List, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../domain/bia.js';
import type { BiaView } from '../../../shared/bia-api.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { PRIORITY_COLORS } from '../graph/labels.js';
import { nameMap, useBiaSettings } from './api.js';
import { LevelMatrix } from './level-matrix.js';

/** /bia/heatmap — operations counted per importance × dependency cell; a cell lists its operations. */
export function HeatMapTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const settings = useBiaSettings();
  const [cell, setCell] = useState<{ d: number; i: number } | null>(null);
  const names = nameMap(view);
  const scale = view.scale;
  const ops = cell ? (view.heatmap.operations[cell.d - 1]?.[cell.i - 1] ?? []) : [];
  // The cells' priorities come from the settings: without them every cell would read "priority ".
  if (settings.isPending) return <PageLoader />;
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const cellDetails = (
    <Card withBorder padding="sm" aria-live="polite">
      {cell ? (
        <>
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
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('bia.heatmap.pickCell')}
        </Text>
      )}
    </Card>
  );
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('bia.heatmap.hint')}
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {/* The grid fills the column (fixed layout), so it fits a phone without scrolling sideways. */}
          <section aria-labelledby="bia-heatmap-title">
            <Title order={2} size="h4" id="bia-heatmap-title" mb="xs">
              {t('bia.heatmap.title')}
            </Title>
            <LevelMatrix
              scale={scale}
              caption={t('bia.heatmap.caption')}
              axisTitles={{ importance: t('bia.heatmap.xAxis'), dependency: t('bia.heatmap.yAxis') }}
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
                      width: '100%',
                      height: scale === 5 ? 64 : 88,
                      borderRadius: 6,
                      textAlign: 'center',
                      background: `var(--mantine-color-${PRIORITY_COLORS[priority] ?? 'gray'}-${count > 0 ? 3 : 0})`,
                      border: '1px solid var(--mantine-color-gray-3)',
                      outline: active ? '3px solid var(--mantine-color-dark-6)' : undefined,
                      outlineOffset: 1,
                    }}
                  >
                    <Text size="sm" fw={700}>
                      {priority}
                    </Text>
                    <Text fz={scale === 5 ? 20 : 26} fw={700} lh={1.1} c={count > 0 ? undefined : 'dimmed'}>
                      {count}
                    </Text>
                  </UnstyledButton>
                );
              }}
            />
          </section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {cellDetails}
            <HeatMapLegend />
          </Stack>
        </Grid.Col>
      </Grid>
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

/** What the colours, letters and numbers of the cells mean. */
function HeatMapLegend() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Title order={3} size="h6" mb={6}>
        {t('bia.heatmap.legendTitle')}
      </Title>
      <Group gap={6} mb={6}>
        {PRIORITIES.map((p) => (
          <Box
            key={p}
            aria-hidden="true"
            px={8}
            py={2}
            style={{ borderRadius: 4, background: `var(--mantine-color-${PRIORITY_COLORS[p]}-3)` }}
          >
            <Text size="sm" fw={700}>
              {p}
            </Text>
          </Box>
        ))}
      </Group>
      <Text size="sm">{t('bia.heatmap.legendPriority')}</Text>
      <Text size="sm">{t('bia.heatmap.legendCount')}</Text>
    </Card>
  );
}
