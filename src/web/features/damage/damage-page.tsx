import { Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamageEstimate } from '../../../shared/damage.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { EditDrawer } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { useGraph } from '../graph/api.js';
import { DAMAGE_KEY, useDamageEstimates, useDamagePresets } from './api.js';
import { draftOf, type EstimateDraft, newDraft } from './estimate-draft.js';
import { EstimateForm } from './estimate-form.js';
import { EstimateList } from './estimate-list.js';
import { SeedCases } from './seed-cases.js';

type Editing = { mode: 'create'; draft: EstimateDraft } | { mode: 'edit'; estimate: DamageEstimate } | null;

/** /damage — what an incident could cost: presets from the two 001 cases, editable categories, list. */
export function DamagePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const presets = useDamagePresets();
  const list = useDamageEstimates();
  const graph = useGraph();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<DamageEstimate | null>(null);
  const names = useMemo(() => new Map((graph.data?.nodes ?? []).map((n) => [n.id, n.name])), [graph.data]);

  const remove = useMutation({
    mutationFn: (e: DamageEstimate) => api.delete(`/damage/estimates/${encodeURIComponent(e.id)}`),
    onSuccess: async () => {
      setDeleting(null);
      notify(t('damage.deleted'));
      await client.invalidateQueries({ queryKey: DAMAGE_KEY });
    },
    onError: (err) => {
      setDeleting(null);
      notify(errorMessage(t, err), 'red');
    },
  });

  const create = (presetId: string | null) =>
    setEditing({ mode: 'create', draft: newDraft(presets.data, presetId, lang) });

  const actions = write && presets.data && (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button
          leftSection={<IconPlus size={16} aria-hidden="true" />}
          rightSection={<IconChevronDown size={14} aria-hidden="true" />}
        >
          {t('damage.add')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => create(null)}>{t('damage.blank')}</Menu.Item>
        <Menu.Label>{t('damage.fromPreset')}</Menu.Label>
        {presets.data.presets.map((p) => (
          <Menu.Item key={p.id} onClick={() => create(p.id)}>
            {p.title[lang]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );

  const initialDraft =
    editing === null ? null : editing.mode === 'edit' ? draftOf(editing.estimate) : editing.draft;

  return (
    <>
      <PageHeader
        title={t('damage.title')}
        description={t('damage.description')}
        actions={actions || undefined}
      />
      {presets.isPending || list.isPending ? (
        <PageSkeleton shape="table" />
      ) : presets.isError ? (
        <LoadError error={presets.error} onRetry={() => void presets.refetch()} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="xl">
          <EstimateList
            items={list.data.items}
            names={names}
            write={write}
            onEdit={(e) => setEditing({ mode: 'edit', estimate: e })}
            onDelete={setDeleting}
          />
          <SeedCases presets={presets.data.presets} lang={lang} write={write} onUse={create} />
        </Stack>
      )}

      <EditDrawer
        editing={editing?.mode === 'edit' ? editing.estimate : editing ? 'new' : null}
        onClose={() => setEditing(null)}
        addTitle={t('damage.addTitle')}
        editTitle={(e) => t('damage.editTitle', { name: e.name })}
      >
        {(estimate) =>
          initialDraft &&
          presets.data && (
            <EstimateForm
              key={estimate?.id ?? `new-${initialDraft.presetId}`}
              presets={presets.data}
              estimate={estimate}
              initial={initialDraft}
              write={write}
              onDone={() => setEditing(null)}
            />
          )
        }
      </EditDrawer>

      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={t('damage.deleteTitle')}
        centered
      >
        <Text mb="md">{t('damage.deleteConfirm', { name: deleting?.name ?? '' })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeleting(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting)}>
            {t('damage.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
