import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import { type RtoValue, rtoOrNull } from '../../../shared/inventory.js';
import { apiRequest } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { RtoInput } from '../../app/rto-input.js';
import { BIA_KEY, INVENTORY_KEY } from '../graph/api.js';

const REGISTERS: Record<NodeKind, string> = {
  operation: 'operations',
  system: 'systems',
  component: 'components',
  supplier: 'suppliers',
};

/** Which time the form changes: an operation's own target, or what a system/part/supplier promises. */
const FIELD = (type: NodeKind) => (type === 'operation' ? 'rtoOverride' : 'declaredRto');

/**
 * Edits one RTO of one inventory item where the problem is shown (an inversion card): the
 * operation's target, or the promised time of what it depends on. Saves with the version it read
 * (If-Match), then the BIA is derived again; the value typed stays on the screen when refused.
 */
export function RtoFixForm({
  node,
  name,
  onClose,
}: {
  node: { id: string; type: NodeKind };
  name: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const path = `/inventory/${REGISTERS[node.type]}/${node.id}`;
  const field = FIELD(node.type);
  const item = useQuery({
    queryKey: [...INVENTORY_KEY, REGISTERS[node.type], 'item', node.id],
    queryFn: () => apiRequest<Record<string, unknown> & { version: number }>('GET', path),
  });
  const [value, setValue] = useState<RtoValue | null | undefined>(undefined);
  const shown = value !== undefined ? value : rtoOrNull(item.data?.data[field]);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, []);
  const save = useMutation({
    mutationFn: () =>
      apiRequest('PATCH', path, {
        body: { [field]: shown },
        ifMatch: item.data?.etag ?? item.data?.data.version,
      }),
    onSuccess: async () => {
      notify(t('bia.fix.saved', { name }));
      await Promise.all([
        client.invalidateQueries({ queryKey: BIA_KEY }),
        client.invalidateQueries({ queryKey: INVENTORY_KEY }),
        client.invalidateQueries({ queryKey: ['home'] }),
      ]);
      onClose();
    },
  });
  return (
    <Card withBorder padding="sm" bg="gray.0" ref={ref}>
      {item.isPending ? (
        <PageLoader />
      ) : item.isError ? (
        <LoadError error={item.error} onRetry={() => void item.refetch()} />
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Stack gap="sm">
            <RtoInput
              label={t(node.type === 'operation' ? 'bia.fix.targetLabel' : 'bia.fix.promiseLabel', { name })}
              description={t(node.type === 'operation' ? 'bia.fix.targetHint' : 'bia.fix.promiseHint')}
              value={shown}
              onChange={setValue}
              allowNone
            />
            {save.isError && <Alert color="red">{errorMessage(t, save.error)}</Alert>}
            <Text size="xs" c="dimmed">
              {t('bia.fix.afterSave')}
            </Text>
            <Group gap="sm">
              <Button type="submit" loading={save.isPending}>
                {t('bia.fix.save')}
              </Button>
              <Button variant="default" onClick={onClose}>
                {t('bia.fix.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
