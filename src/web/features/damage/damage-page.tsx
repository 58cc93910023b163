import {
  Button,
  Card,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconChevronDown, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAMAGE_CATEGORIES, DAMAGE_MAX_YEN, type DamageCategory } from '../../../domain/damage.js';
import type { DamageEstimate, DamageEstimateList, DamagePresets } from '../../../shared/damage.js';
import { api, isApiError } from '../../app/api.js';
import { DataTable } from '../../app/data-table.js';
import { errorMessage } from '../../app/errors.js';
import { FormError } from '../../app/forms.js';
import { IconAction } from '../../app/icon-action.js';
import { yen } from '../../app/money.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { EditDrawer } from '../../app/register-list.js';
import { useCan } from '../../app/session.js';
import { textOrNull } from '../../app/versioned-edit.js';
import { FormActions } from '../../app/versioned-form.js';
import { useGraph } from '../graph/api.js';
import { featureFormErrors } from '../graph/labels.js';

const KEY = ['damage'] as const;
const CATEGORIES = DAMAGE_CATEGORIES;
type Category = DamageCategory;

interface Draft {
  name: string;
  scenario: string;
  annualSalesYen: number | null;
  amounts: Record<Category, number>;
  presetId: string | null;
  link: string | null;
}

type Editing = { mode: 'create'; draft: Draft } | { mode: 'edit'; estimate: DamageEstimate } | null;

const emptyAmounts = (): Record<Category, number> =>
  Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

function draftOf(e: DamageEstimate): Draft {
  return {
    name: e.name,
    scenario: e.scenario ?? '',
    annualSalesYen: e.annualSalesYen,
    amounts: { ...emptyAmounts(), ...e.amounts },
    presetId: e.presetId,
    link: e.operationId ? `operation:${e.operationId}` : e.systemId ? `system:${e.systemId}` : null,
  };
}

/** Percentage with one decimal (12.0 %), from whole yen. */
function share(total: number, sales: number | null): string | null {
  if (!sales || sales <= 0) return null;
  return ((total / sales) * 100).toFixed(1);
}

/** /damage — what an incident could cost: presets from the two 001 cases, editable categories, list. */
export function DamagePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const can = useCan();
  const write = can('inventory.write');
  const client = useQueryClient();
  const presets = useQuery({
    queryKey: [...KEY, 'presets'],
    queryFn: () => api.get<DamagePresets>('/damage/presets'),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const list = useQuery({
    queryKey: [...KEY, 'list'],
    queryFn: () => api.get<DamageEstimateList>('/damage/estimates?limit=200'),
  });
  const graph = useGraph();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<DamageEstimate | null>(null);
  const names = useMemo(() => new Map((graph.data?.nodes ?? []).map((n) => [n.id, n.name])), [graph.data]);

  const remove = useMutation({
    mutationFn: (e: DamageEstimate) => api.delete(`/damage/estimates/${encodeURIComponent(e.id)}`),
    onSuccess: async () => {
      setDeleting(null);
      notify(t('damage.deleted'));
      await client.invalidateQueries({ queryKey: KEY });
    },
    onError: (err) => {
      setDeleting(null);
      notify(errorMessage(t, err), 'red');
    },
  });

  const newDraft = (presetId: string | null): Draft => {
    const p = presets.data?.presets.find((x) => x.id === presetId);
    return {
      name: p ? p.title[lang] : '',
      scenario: p ? p.scenario[lang] : '',
      annualSalesYen: p ? p.annualSalesYen : null,
      amounts: p ? { ...emptyAmounts(), ...p.amounts } : emptyAmounts(),
      presetId: p?.id ?? null,
      link: null,
    };
  };

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
        <Menu.Item onClick={() => setEditing({ mode: 'create', draft: newDraft(null) })}>
          {t('damage.blank')}
        </Menu.Item>
        <Menu.Label>{t('damage.fromPreset')}</Menu.Label>
        {presets.data.presets.map((p) => (
          <Menu.Item key={p.id} onClick={() => setEditing({ mode: 'create', draft: newDraft(p.id) })}>
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
        <PageLoader />
      ) : presets.isError ? (
        <LoadError error={presets.error} onRetry={() => void presets.refetch()} />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Stack gap="xl">
          <section aria-labelledby="dmg-list">
            <Title order={2} size="h3" id="dmg-list" mb="xs">
              {t('damage.listTitle')}
            </Title>
            {list.data.items.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t('damage.empty')}
              </Text>
            ) : (
              <DataTable
                labelledBy="dmg-list"
                minWidth={640}
                columns={[
                  t('damage.fields.name'),
                  t('damage.total'),
                  t('damage.share'),
                  t('damage.fields.link'),
                ]}
                actions
              >
                {list.data.items.map((e) => {
                  const linked = e.operationId ?? e.systemId;
                  const pct = share(e.totalYen, e.annualSalesYen);
                  return (
                    <Table.Tr key={e.id}>
                      <Table.Td fw={500}>{e.name}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{yen(lang, e.totalYen)}</Table.Td>
                      <Table.Td>{pct ? `${pct}%` : '—'}</Table.Td>
                      <Table.Td>{linked ? (names.get(linked) ?? '—') : '—'}</Table.Td>
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <IconAction
                            tooltip={write ? t('damage.edit') : t('damage.view')}
                            label={t('damage.editLabel', { name: e.name })}
                            onClick={() => setEditing({ mode: 'edit', estimate: e })}
                          >
                            <IconPencil size={18} aria-hidden="true" />
                          </IconAction>
                          {write && (
                            <IconAction
                              tooltip={t('damage.delete')}
                              label={t('damage.deleteLabel', { name: e.name })}
                              danger
                              onClick={() => setDeleting(e)}
                            >
                              <IconTrash size={18} aria-hidden="true" />
                            </IconAction>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </DataTable>
            )}
          </section>
          <section aria-labelledby="dmg-cases">
            <Title order={2} size="h3" id="dmg-cases" mb={4}>
              {t('damage.casesTitle')}
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              {t('damage.casesHint')}
            </Text>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {presets.data.presets.map((p) => (
                <Card key={p.id} withBorder padding="md">
                  <Text fw={600} id={`dmg-case-${p.id}`}>
                    {p.title[lang]}
                  </Text>
                  <Text size="sm" c="dimmed" mt={4}>
                    {p.scenario[lang]}
                  </Text>
                  <Text mt="xs" fw={600}>
                    {t('damage.caseTotal', {
                      total: yen(lang, p.totalYen),
                      share: share(p.totalYen, p.annualSalesYen) ?? '—',
                    })}
                  </Text>
                  {write && (
                    <Group mt="sm">
                      <Button
                        variant="light"
                        size="xs"
                        aria-describedby={`dmg-case-${p.id}`}
                        onClick={() => setEditing({ mode: 'create', draft: newDraft(p.id) })}
                      >
                        {t('damage.useCase')}
                      </Button>
                    </Group>
                  )}
                </Card>
              ))}
            </SimpleGrid>
          </section>
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

function EstimateForm({
  presets,
  estimate,
  initial,
  write,
  onDone,
}: {
  presets: DamagePresets;
  estimate: DamageEstimate | null;
  initial: Draft;
  write: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const client = useQueryClient();
  const graph = useGraph();
  const [draft, setDraft] = useState<Draft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const total = CATEGORIES.reduce((s, c) => s + (draft.amounts[c] || 0), 0);
  const pct = share(total, draft.annualSalesYen);
  const linkOptions = (['operation', 'system'] as const).map((type) => ({
    group: t(`inventory.nodeType.${type}`),
    items: (graph.data?.nodes ?? [])
      .filter((n) => n.type === type)
      .map((n) => ({ value: `${type}:${n.id}`, label: n.name })),
  }));

  const save = useMutation({
    mutationFn: () => {
      const [type, id] = draft.link ? draft.link.split(':') : [null, null];
      const body = {
        name: draft.name.trim(),
        scenario: textOrNull(draft.scenario),
        annualSalesYen: draft.annualSalesYen,
        amounts: draft.amounts,
        presetId: draft.presetId,
        operationId: type === 'operation' ? id : null,
        systemId: type === 'system' ? id : null,
      };
      return estimate
        ? api.patch<DamageEstimate>(`/damage/estimates/${encodeURIComponent(estimate.id)}`, body, {
            ifMatch: estimate.version,
          })
        : api.post<DamageEstimate>('/damage/estimates', body);
    },
    onSuccess: async (saved) => {
      notify(t('damage.saved', { name: saved.name }));
      await client.invalidateQueries({ queryKey: KEY });
      onDone();
    },
    onError: (err) => {
      if (isApiError(err, 'version_conflict')) {
        setFormError(t('damage.conflict'));
        return;
      }
      const r = featureFormErrors(
        t,
        err,
        ['name', 'scenario', 'annualSalesYen', 'amounts', 'operationId', 'systemId'],
        (e) => errorMessage(t, e),
      );
      setErrors(r.fieldErrors);
      setFormError(r.formError);
    },
  });

  const category = (id: Category) => presets.categories.find((c) => c.id === id);

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.name.trim() === '') {
          setErrors({ name: t('issues.required') });
          return;
        }
        setFormError(null);
        save.mutate();
      }}
    >
      <Stack>
        <FormError message={formError} />
        <TextInput
          label={t('damage.fields.name')}
          withAsterisk
          maxLength={200}
          value={draft.name}
          error={errors.name}
          disabled={!write}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <Textarea
          label={t('damage.fields.scenario')}
          maxLength={2000}
          autosize
          minRows={2}
          value={draft.scenario}
          disabled={!write}
          onChange={(e) => setDraft({ ...draft, scenario: e.currentTarget.value })}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('damage.fields.annualSalesYen')}
            description={t('damage.yenHint')}
            value={draft.annualSalesYen ?? ''}
            min={0}
            max={DAMAGE_MAX_YEN}
            allowDecimal={false}
            allowNegative={false}
            thousandSeparator=","
            prefix="¥"
            error={errors.annualSalesYen}
            disabled={!write}
            onChange={(v) => setDraft({ ...draft, annualSalesYen: v === '' ? null : Number(v) })}
          />
          <Select
            label={t('damage.fields.link')}
            description={t('damage.linkHint')}
            data={linkOptions}
            value={draft.link}
            searchable
            clearable
            placeholder={t('damage.noLink')}
            nothingFoundMessage={t('common.nothingFound')}
            error={errors.operationId ?? errors.systemId}
            disabled={!write}
            onChange={(v) => setDraft({ ...draft, link: v })}
          />
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('damage.categories')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {CATEGORIES.map((c) => (
            <NumberInput
              key={c}
              label={category(c)?.label[lang] ?? c}
              description={category(c)?.help[lang]}
              value={draft.amounts[c]}
              min={0}
              max={DAMAGE_MAX_YEN}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator=","
              prefix="¥"
              disabled={!write}
              onChange={(v) => setDraft({ ...draft, amounts: { ...draft.amounts, [c]: Number(v) || 0 } })}
            />
          ))}
        </SimpleGrid>
        {errors.amounts && (
          <Text size="sm" c="var(--mantine-color-error)" role="alert">
            {errors.amounts}
          </Text>
        )}
        <Card withBorder padding="sm" bg="var(--mantine-color-gray-0)" role="status" aria-live="polite">
          <Text fw={700} size="lg">
            {t('damage.totalIs', { total: yen(lang, total) })}
          </Text>
          <Text size="sm">{pct ? t('damage.shareIs', { share: pct }) : t('damage.noSales')}</Text>
        </Card>
        {write && <FormActions onCancel={onDone} submitLabel={t('common.save')} loading={save.isPending} />}
      </Stack>
    </form>
  );
}
