import { Alert, Badge, Button, Card, Group, List, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BiaView } from '../../../shared/bia-api.js';
import { api } from '../../app/api.js';
import { errorMessage, formatDateTime } from '../../app/errors.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageLoader } from '../../app/page-state.js';
import { TitledSection } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { BIA_KEY } from '../graph/api.js';
import { nodeKindLabel, rtoLabel } from '../graph/labels.js';
import { useBiaDiff, useSignoffs } from './api.js';
import { EmptyBia } from './empty-bia.js';

function diffState(
  t: TFunction,
  s: { priority: string | null; rto: Parameters<typeof rtoLabel>[1] },
): string {
  return `${s.priority ?? '—'} / ${rtoLabel(t, s.rto)}`;
}

/** The badge colour of a change since the last sign-off. */
const DIFF_COLORS = { changed: 'orange', added: 'teal', removed: 'gray' } as const;

/** /bia/signoff — sign the BIA off, what changed since the last sign-off, and earlier sign-offs. */
export function SignoffTab({ view }: { view: BiaView }) {
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
  // Signing off nothing would say the BIA is done before it is started (the server refuses it too).
  const empty = view.operations.length === 0;
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
      {empty && <EmptyBia what="signoff" />}
      {can('inventory.write') && !empty && (
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
      <TitledSection id="bia-diff" title={t('bia.signoff.diffTitle')}>
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
            {[
              ...diff.data.changed.map((c) => ({
                ...c,
                mark: 'changed' as const,
                what: `: ${diffState(t, c.before)} → ${diffState(t, c.after)}`,
              })),
              ...diff.data.added.map((c) => ({ ...c, mark: 'added' as const, what: '' })),
              ...diff.data.removed.map((c) => ({ ...c, mark: 'removed' as const, what: '' })),
            ].map((c) => (
              <Text key={`${c.mark}-${c.id}`} size="sm">
                <Badge color={DIFF_COLORS[c.mark]} variant="light" mr={6}>
                  {t(`bia.signoff.${c.mark}`)}
                </Badge>
                {nodeKindLabel(t, c.type)}「{c.name}」{c.what}
              </Text>
            ))}
          </Stack>
        )}
      </TitledSection>
      {signoffs.data && signoffs.data.items.length > 1 && (
        <TitledSection id="bia-signoffs" title={t('bia.signoff.history')}>
          <List size="sm">
            {signoffs.data.items.map((s) => (
              <List.Item key={s.id}>
                {formatDateTime(s.signedAt)} — {s.signedByName ?? '—'}
                {s.note && ` (${s.note})`}
              </List.Item>
            ))}
          </List>
        </TitledSection>
      )}
    </Stack>
  );
}
