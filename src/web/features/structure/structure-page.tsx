import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArchive, IconArchiveOff, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department, Site, SiteKind } from '../../../shared/structure.js';
import { SITE_KINDS } from '../../../shared/structure.js';
import { api, isApiError } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { applyApiError, FormError, required } from '../../app/forms.js';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { prefectureName, prefectureOptions } from '../people/labels.js';
import { DEPARTMENTS_KEY, SITES_KEY, useDepartments, useSites } from './api.js';

type Kind = 'site' | 'department';

/** Prefecture and address on one line, without repeating a prefecture the address already names. */
function placeLine(lang: string, site: Site): string {
  const pref = prefectureName(lang, site.prefectureCode);
  const address = site.address ?? '';
  const jaPref = prefectureName('ja', site.prefectureCode);
  if (address && ((jaPref && address.startsWith(jaPref)) || (pref && address.startsWith(pref))))
    return address;
  return [pref, address].filter(Boolean).join(' ');
}
type Item = Site | Department;

/** Sites and departments: everyone with org.read sees them, org.manage changes them. */
export function StructurePage() {
  const { t } = useTranslation();
  const manage = useCan()('org.manage');
  return (
    <>
      <PageHeader title={t('structure.title')} description={t('structure.description')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
        <StructureList kind="site" manage={manage} />
        <StructureList kind="department" manage={manage} />
      </SimpleGrid>
    </>
  );
}

function StructureList({ kind, manage }: { kind: Kind; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [includeArchived, setIncludeArchived] = useState(false);
  const sites = useSites(includeArchived);
  const departments = useDepartments(includeArchived);
  const list = kind === 'site' ? sites : departments;
  const [editing, setEditing] = useState<Item | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = kind === 'site' ? '/sites' : '/departments';
  const key = kind === 'site' ? SITES_KEY : DEPARTMENTS_KEY;

  const archive = useMutation({
    mutationFn: (item: Item) =>
      api.post<Item>(`${base}/${encodeURIComponent(item.id)}/${item.archivedAt ? 'unarchive' : 'archive'}`),
    onSuccess: async (saved) => {
      setArchiving(null);
      setError(null);
      notifications.show({
        color: 'teal',
        message: t(saved.archivedAt ? 'structure.archivedToast' : 'structure.unarchivedToast', {
          name: saved.name,
        }),
      });
      await client.invalidateQueries({ queryKey: key });
      await client.invalidateQueries({ queryKey: ['people'] });
    },
    onError: (err) => {
      setArchiving(null);
      setError(errorMessage(t, err));
    },
  });

  const headingId = `structure-${kind}s`;
  const items: Item[] = list.data ?? [];
  return (
    <section aria-labelledby={headingId}>
      <Stack align="flex-start" mb="xs" gap="xs">
        <div>
          <Title order={2} size="h4" id={headingId}>
            {t(`structure.${kind}s`)}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`structure.${kind}sHint`)}
          </Text>
        </div>
        {manage && (
          <Button
            size="sm"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() => setEditing('new')}
          >
            {t(`structure.add.${kind}`)}
          </Button>
        )}
      </Stack>
      <Checkbox
        size="sm"
        mb="sm"
        label={t('structure.showArchived')}
        checked={includeArchived}
        onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
      />
      {error && (
        <Alert
          color="red"
          role="alert"
          mb="sm"
          withCloseButton
          onClose={() => setError(null)}
          closeButtonLabel={t('common.close')}
        >
          {error}
        </Alert>
      )}
      {list.isPending ? (
        <PageLoader />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t(`structure.empty.${kind}`)}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => (
            <Card key={item.id} withBorder padding="sm" component="li">
              <Group justify="space-between" wrap="nowrap" align={'kind' in item ? 'flex-start' : 'center'}>
                <div style={{ minWidth: 0 }}>
                  <Group gap={6}>
                    <Text fw={600} c={item.archivedAt ? 'dimmed' : undefined}>
                      {item.name}
                    </Text>
                    {'kind' in item && (
                      <Badge variant="light" size="sm">
                        {t(`structure.kinds.${item.kind}`)}
                      </Badge>
                    )}
                    {item.archivedAt && (
                      <Badge variant="light" color="gray" size="sm">
                        {t('structure.archivedBadge')}
                      </Badge>
                    )}
                  </Group>
                  {'kind' in item && (item.prefectureCode || item.address) && (
                    <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {placeLine(i18n.language, item)}
                    </Text>
                  )}
                </div>
                {manage && (
                  <Group gap={4} wrap="nowrap">
                    {!item.archivedAt && (
                      <Tooltip label={t('structure.edit')}>
                        <ActionIcon
                          variant="subtle"
                          size="lg"
                          aria-label={t('structure.editLabel', { name: item.name })}
                          onClick={() => setEditing(item)}
                        >
                          <IconPencil size={18} aria-hidden="true" />
                        </ActionIcon>
                      </Tooltip>
                    )}
                    <Tooltip label={item.archivedAt ? t('structure.unarchive') : t('structure.archive')}>
                      <ActionIcon
                        variant="subtle"
                        size="lg"
                        color={item.archivedAt ? 'indigo' : 'red'}
                        aria-label={t(
                          item.archivedAt ? 'structure.unarchiveLabel' : 'structure.archiveLabel',
                          {
                            name: item.name,
                          },
                        )}
                        onClick={() => setArchiving(item)}
                      >
                        {item.archivedAt ? (
                          <IconArchiveOff size={18} aria-hidden="true" />
                        ) : (
                          <IconArchive size={18} aria-hidden="true" />
                        )}
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          editing === 'new'
            ? t(`structure.add.${kind}`)
            : t('structure.editTitle', { name: editing?.name ?? '' })
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
        centered
      >
        {editing !== null &&
          (kind === 'site' ? (
            <SiteForm site={editing === 'new' ? null : (editing as Site)} onDone={() => setEditing(null)} />
          ) : (
            <DepartmentForm
              department={editing === 'new' ? null : (editing as Department)}
              onDone={() => setEditing(null)}
            />
          ))}
      </Modal>

      <Modal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={archiving?.archivedAt ? t('structure.unarchiveTitle') : t('structure.archiveTitle')}
        centered
      >
        <Text mb="md">
          {t(archiving?.archivedAt ? 'structure.unarchiveConfirm' : `structure.archiveConfirm.${kind}`, {
            name: archiving?.name ?? '',
          })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setArchiving(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color={archiving?.archivedAt ? undefined : 'red'}
            loading={archive.isPending}
            onClick={() => archiving && archive.mutate(archiving)}
          >
            {archiving?.archivedAt ? t('structure.unarchive') : t('structure.archive')}
          </Button>
        </Group>
      </Modal>
    </section>
  );
}

/** Shown when someone else saved the item first; reloading keeps what the user typed. */
function ConflictNotice({ onReload, loading }: { onReload: () => void; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" role="alert" icon={<IconAlertTriangle size={18} aria-hidden="true" />}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('structure.conflict')}</Text>
        <Button size="xs" variant="default" loading={loading} onClick={onReload}>
          {t('structure.reloadKeep')}
        </Button>
      </Stack>
    </Alert>
  );
}

/**
 * After a conflict: fields the user did not touch take the saved values, the ones they changed
 * keep what they typed (so saving again does not undo the other person's changes).
 */
function mergeLatest<V extends Record<string, unknown>>(typed: V, original: V, latest: V): V {
  const merged = { ...typed };
  for (const key of Object.keys(typed) as (keyof V)[]) {
    if (typed[key] === original[key]) merged[key] = latest[key];
  }
  return merged;
}

function useSave<T extends Item, B>(
  kind: Kind,
  current: T | null,
  onDone: () => void,
  onReloaded: (latest: T) => void,
) {
  const client = useQueryClient();
  const base = kind === 'site' ? '/sites' : '/departments';
  const [version, setVersion] = useState<number | null>(current?.version ?? null);
  const [conflict, setConflict] = useState(false);
  const save = useMutation({
    mutationFn: (body: B) =>
      current
        ? api.patch<T>(`${base}/${encodeURIComponent(current.id)}`, body, {
            ifMatch: version ?? current.version,
          })
        : api.post<T>(base, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: kind === 'site' ? SITES_KEY : DEPARTMENTS_KEY });
      await client.invalidateQueries({ queryKey: ['people'] });
      onDone();
    },
  });
  const reload = useMutation({
    mutationFn: () => api.get<T>(`${base}/${encodeURIComponent(current?.id ?? '')}`),
    onSuccess: (latest) => {
      onReloaded(latest);
      setVersion(latest.version);
      setConflict(false);
    },
  });
  return { save, reload, conflict, setConflict };
}

function siteValues(s: Site | null) {
  return {
    name: s?.name ?? '',
    kind: (s?.kind ?? 'branch') as SiteKind,
    prefectureCode: s?.prefectureCode ?? null,
    address: s?.address ?? '',
  };
}

function SiteForm({ site, onDone }: { site: Site | null; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [original, setOriginal] = useState(() => siteValues(site));
  const form = useForm({
    mode: 'controlled',
    initialValues: siteValues(site),
    validate: { name: required(t) },
  });
  const { save, reload, conflict, setConflict } = useSave<Site, Record<string, unknown>>(
    'site',
    site,
    () => {
      notifications.show({
        color: 'teal',
        message: t('structure.savedToast', { name: form.getValues().name.trim() }),
      });
      onDone();
    },
    (latest) => {
      const fresh = siteValues(latest);
      form.setValues(mergeLatest(form.getValues(), original, fresh));
      setOriginal(fresh);
    },
  );
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setFormError(null);
        const address = v.address.trim();
        save.mutate(
          {
            name: v.name.trim(),
            kind: v.kind,
            prefectureCode: v.prefectureCode,
            address: address === '' ? null : address,
          },
          {
            onError: (err) => {
              if (isApiError(err, 'version_conflict')) setConflict(true);
              else setFormError(applyApiError(t, form, err));
            },
          },
        );
      })}
    >
      <Stack>
        <FormError message={formError} />
        {conflict && <ConflictNotice loading={reload.isPending} onReload={() => reload.mutate()} />}
        <TextInput
          label={t('structure.fields.name')}
          withAsterisk
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <Select
          label={t('structure.fields.kind')}
          data={SITE_KINDS.map((k) => ({ value: k, label: t(`structure.kinds.${k}`) }))}
          allowDeselect={false}
          {...form.getInputProps('kind')}
        />
        <Select
          label={t('structure.fields.prefecture')}
          data={prefectureOptions(i18n.language)}
          searchable
          clearable
          placeholder={t('structure.none')}
          nothingFoundMessage={t('structure.nothingFound')}
          {...form.getInputProps('prefectureCode')}
        />
        <Textarea
          label={t('structure.fields.address')}
          description={t('structure.addressHint')}
          maxLength={300}
          autosize
          minRows={2}
          {...form.getInputProps('address')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DepartmentForm({ department, onDone }: { department: Department | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [originalName, setOriginalName] = useState(department?.name ?? '');
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: department?.name ?? '' },
    validate: { name: required(t) },
  });
  const { save, reload, conflict, setConflict } = useSave<Department, { name: string }>(
    'department',
    department,
    () => {
      notifications.show({
        color: 'teal',
        message: t('structure.savedToast', { name: form.getValues().name.trim() }),
      });
      onDone();
    },
    (latest) => {
      if (form.getValues().name === originalName) form.setValues({ name: latest.name });
      setOriginalName(latest.name);
    },
  );
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        setFormError(null);
        save.mutate(
          { name: v.name.trim() },
          {
            onError: (err) => {
              if (isApiError(err, 'version_conflict')) setConflict(true);
              else setFormError(applyApiError(t, form, err));
            },
          },
        );
      })}
    >
      <Stack>
        <FormError message={formError} />
        {conflict && <ConflictNotice loading={reload.isPending} onReload={() => reload.mutate()} />}
        <TextInput
          label={t('structure.fields.name')}
          withAsterisk
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={conflict}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
