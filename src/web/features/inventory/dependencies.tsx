import { ActionIcon, Alert, Badge, Button, Group, Select, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconLink, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALLOWED_EDGES, NODE_KINDS, type NodeKind } from '../../../domain/dependency-graph.js';
import { isOneOf } from '../../../domain/one-of.js';
import type { Edge } from '../../../shared/inventory.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { notify } from '../../app/notify.js';
import { BIA_KEY, INVENTORY_KEY, useGraph } from '../graph/api.js';
import { nodeKindLabel } from '../graph/labels.js';
import { useEdgesOf } from './api.js';

/**
 * What this item depends on (add / remove) and what depends on it (read only). A dependency that
 * would make a loop is refused by the server, which names the loop; the message is shown here.
 */
export function Dependencies({
  nodeId,
  nodeType,
  write,
}: {
  nodeId: string;
  nodeType: NodeKind;
  write: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const graph = useGraph();
  const edges = useEdgesOf(nodeId);
  const [picked, setPicked] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = useMemo(() => new Map((graph.data?.nodes ?? []).map((n) => [n.id, n])), [graph.data]);
  const targets = ALLOWED_EDGES[nodeType];
  const items = edges.data?.items ?? [];
  const dependsOn = items.filter((e) => e.fromId === nodeId);
  const usedBy = items.filter((e) => e.toId === nodeId);
  const linked = new Set(dependsOn.map((e) => e.toId));

  const options = targets.map((type) => ({
    group: nodeKindLabel(t, type),
    items: (graph.data?.nodes ?? [])
      .filter((n) => n.type === type && n.id !== nodeId && !linked.has(n.id))
      .map((n) => ({ value: `${n.type}:${n.id}`, label: n.name })),
  }));

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: INVENTORY_KEY });
    await client.invalidateQueries({ queryKey: BIA_KEY });
  };
  const add = useMutation({
    mutationFn: (value: string) => {
      // The picker's values are `${type}:${id}` (built below); an id has no colon.
      const [toType, toId] = value.split(':');
      if (!isOneOf(NODE_KINDS, toType) || !toId) throw new Error(`not a node: ${value}`);
      return api.post<Edge>('/inventory/edges', { fromType: nodeType, fromId: nodeId, toType, toId });
    },
    onSuccess: async () => {
      setPicked(null);
      setError(null);
      notify(t('inventory.deps.added'));
      await refresh();
    },
    onError: (err) => setError(errorMessage(t, err)),
  });
  const remove = useMutation({
    mutationFn: (edge: Edge) => api.delete(`/inventory/edges/${encodeURIComponent(edge.id)}`),
    onSuccess: async () => {
      setError(null);
      notify(t('inventory.deps.removed'));
      await refresh();
    },
    onError: (err) => setError(errorMessage(t, err)),
  });

  const label = (id: string, type: NodeKind) => (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <Badge variant="light" color="gray" size="sm" styles={{ label: { overflow: 'visible' } }}>
        {nodeKindLabel(t, type)}
      </Badge>
      <Text size="sm" truncate="end">
        {names.get(id)?.name ?? t('inventory.deps.archivedItem')}
      </Text>
    </Group>
  );

  if (targets.length === 0 && usedBy.length === 0 && !edges.isPending) {
    return (
      <Text size="sm" c="dimmed">
        {t('inventory.deps.supplierNote')}
      </Text>
    );
  }

  return (
    <Stack gap="sm" component="section" aria-labelledby={`deps-${nodeId}`}>
      <Title order={2} size="h4" id={`deps-${nodeId}`}>
        {t('inventory.deps.title')}
      </Title>
      {targets.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            {t(`inventory.deps.hint.${nodeType}`)}
          </Text>
          {error && (
            <Alert
              color="red"
              role="alert"
              withCloseButton
              onClose={() => setError(null)}
              closeButtonLabel={t('common.close')}
            >
              {error}
            </Alert>
          )}
          {dependsOn.length === 0 ? (
            <Text size="sm">{t('inventory.deps.none')}</Text>
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {dependsOn.map((e) => (
                <Group key={e.id} component="li" justify="space-between" wrap="nowrap">
                  {label(e.toId, e.toType)}
                  {write && (
                    <Tooltip label={t('inventory.deps.remove')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="lg"
                        aria-label={t('inventory.deps.removeLabel', { name: names.get(e.toId)?.name ?? '' })}
                        loading={remove.isPending && remove.variables?.id === e.id}
                        onClick={() => remove.mutate(e)}
                      >
                        <IconTrash size={18} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              ))}
            </Stack>
          )}
          {write && (
            <Group align="flex-end" gap="xs" wrap="wrap">
              <Select
                label={t('inventory.deps.add')}
                placeholder={t('inventory.deps.pick')}
                data={options}
                value={picked}
                onChange={setPicked}
                searchable
                clearable
                nothingFoundMessage={t('common.nothingFound')}
                style={{ flex: 1, minWidth: 200 }}
              />
              <Button
                leftSection={<IconLink size={16} aria-hidden="true" />}
                disabled={!picked}
                loading={add.isPending}
                onClick={() => picked && add.mutate(picked)}
              >
                {t('inventory.deps.addButton')}
              </Button>
            </Group>
          )}
        </>
      )}
      {usedBy.length > 0 && (
        <>
          <Text size="sm" fw={500} mt="xs">
            {t('inventory.deps.usedBy')}
          </Text>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {usedBy.map((e) => (
              <li key={e.id}>{label(e.fromId, e.fromType)}</li>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
