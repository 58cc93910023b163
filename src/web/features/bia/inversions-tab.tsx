import { Alert, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { NodeKind } from '../../../domain/dependency-graph.js';
import type { BiaView } from '../../../shared/bia-api.js';
import { PriorityBadge } from '../../app/priority-badge.js';
import { useCan } from '../../app/session.js';
import { rtoLabel } from '../graph/labels.js';
import { nameMap } from './api.js';
import { EmptyBia } from './empty-bia.js';
import { pathNames } from './path-names.js';
import { RtoFixForm } from './rto-fix-form.js';

type Inversion = BiaView['inversions'][number];

/** The key of an inversion: the home page links to it as /bia/inversions?fix=<key>. */
const inversionKey = (inv: Pick<Inversion, 'dependant' | 'dependency'>) =>
  `${inv.dependant}>${inv.dependency}`;

/** Which form is open on a card: the dependency's promise, or the operation's own target. */
type Editing = { key: string; node: { id: string; type: NodeKind } } | null;

/**
 * /bia/inversions — dependencies that come back later than what depends on them: the operation that
 * suffers and its priority, what it needs against what is promised, the choices, and a button that
 * opens the right edit form on the card. `?fix=<key>` opens that card's promise form (from home).
 */
export function InversionsTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const can = useCan();
  const names = nameMap(view);
  const [params] = useSearchParams();
  const types = new Map<string, NodeKind>([
    ...view.operations.map((o) => [o.id, 'operation' as const] as const),
    ...view.nodes.map((n) => [n.id, n.type] as const),
  ]);
  const fromHome = view.inversions.find((inv) => inversionKey(inv) === params.get('fix'));
  const [editing, setEditing] = useState<Editing>(() =>
    fromHome && can('inventory.write')
      ? {
          key: inversionKey(fromHome),
          node: { id: fromHome.dependency, type: types.get(fromHome.dependency) ?? 'system' },
        }
      : null,
  );
  const operations = new Map(view.operations.map((o) => [o.id, o]));

  if (view.operations.length === 0) return <EmptyBia what="inversions" />;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('bia.inversions.hint')}
      </Text>
      {view.inversions.length === 0 ? (
        <Alert color="teal">{t('bia.inversions.none')}</Alert>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {view.inversions.map((inv) => {
            const key = inversionKey(inv);
            const op = inv.operation ? operations.get(inv.operation) : undefined;
            const dependency = names.get(inv.dependency) ?? '?';
            const dependant = names.get(inv.dependant) ?? '?';
            const open = editing?.key === key ? editing : null;
            return (
              <Card key={key} withBorder padding="sm" component="li" id={`inversion-${key}`}>
                <Stack gap={6}>
                  <Group gap="xs">
                    {op && <PriorityBadge priority={op.priority} />}
                    <Text fw={600}>
                      {op
                        ? t('bia.fix.title', { operation: op.name, dependant, dependency })
                        : t('bia.inversions.item', { dependant, dependency })}
                    </Text>
                  </Group>
                  <Text size="sm">
                    {t('bia.fix.needs', {
                      name: op?.name ?? dependant,
                      need: rtoLabel(t, inv.dependantRto),
                      dependency,
                      promise: rtoLabel(t, inv.dependencyRto),
                    })}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('bia.inversions.chain')}: {pathNames(names, inv.chain)}
                  </Text>
                  <Text size="sm" fw={600}>
                    {t('bia.fix.choicesTitle')}
                  </Text>
                  <List size="sm" spacing={2}>
                    <List.Item>{t('bia.fix.choiceContract', { dependency })}</List.Item>
                    <List.Item>{t('bia.fix.choiceSpare', { dependency })}</List.Item>
                    <List.Item>
                      {t('bia.fix.choiceWorkaround', { name: op?.name ?? dependant, dependency })}
                    </List.Item>
                    <List.Item>{t('bia.fix.choiceAccept', { name: op?.name ?? dependant })}</List.Item>
                  </List>
                  {can('inventory.write') && !open && (
                    <Group gap="sm">
                      <Button
                        size="xs"
                        onClick={() =>
                          setEditing({
                            key,
                            node: { id: inv.dependency, type: types.get(inv.dependency) ?? 'system' },
                          })
                        }
                      >
                        {t('bia.fix.editPromise', { name: dependency })}
                      </Button>
                      {op && (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing({ key, node: { id: op.id, type: 'operation' } })}
                        >
                          {t('bia.fix.editTarget', { name: op.name })}
                        </Button>
                      )}
                    </Group>
                  )}
                  {open && (
                    <RtoFixForm
                      node={open.node}
                      name={names.get(open.node.id) ?? '?'}
                      onClose={() => setEditing(null)}
                    />
                  )}
                </Stack>
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
