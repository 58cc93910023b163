import { ActionIcon, Badge, Button, Group, Modal, Text, Tooltip } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconPencil } from '@tabler/icons-react';
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from './api.js';
import { errorMessage } from './errors.js';
import { notify } from './notify.js';

/** A list row that can be archived and restored. */
export interface Archivable {
  id: string;
  name: string;
  archivedAt: string | null;
  version: number;
}

export function ArchivedBadge({ label, size }: { label: string; size?: 'sm' }) {
  return (
    <Badge variant="light" color="gray" size={size}>
      {label}
    </Badge>
  );
}

interface RowAction {
  /** The tooltip, a short verb. */
  tooltip: string;
  /** The button's accessible name, naming the row ("Edit Yamada"). */
  label: string;
  onClick: () => void;
}

/** A row's icon buttons: edit (not on an archived row) and archive or restore. */
export function RowActions({
  archived,
  edit,
  archive,
}: {
  archived: boolean;
  edit?: RowAction;
  archive?: RowAction;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      {!archived && edit && (
        <Tooltip label={edit.tooltip}>
          <ActionIcon variant="subtle" size="lg" aria-label={edit.label} onClick={edit.onClick}>
            <IconPencil size={18} aria-hidden="true" />
          </ActionIcon>
        </Tooltip>
      )}
      {archive && (
        <Tooltip label={archive.tooltip}>
          <ActionIcon
            variant="subtle"
            size="lg"
            color={archived ? 'indigo' : 'red'}
            aria-label={archive.label}
            onClick={archive.onClick}
          >
            {archived ? (
              <IconArchiveOff size={18} aria-hidden="true" />
            ) : (
              <IconArchive size={18} aria-hidden="true" />
            )}
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/**
 * Archiving and restoring list rows: which row is being confirmed, the call (with the row's version
 * as If-Match when the API checks it), a notice when done and the error when refused.
 */
export function useArchiveToggle<T extends Archivable>({
  path,
  sendVersion = false,
  doneMessage,
  invalidate,
}: {
  /** The collection, e.g. '/people': the call is POST `${path}/${id}/archive` or `/unarchive`. */
  path: string;
  sendVersion?: boolean;
  doneMessage: (saved: T) => string;
  /** Queries to refresh afterwards. */
  invalidate: readonly QueryKey[];
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (item: T) =>
      api.post<T>(
        `${path}/${encodeURIComponent(item.id)}/${item.archivedAt ? 'unarchive' : 'archive'}`,
        {},
        sendVersion ? { ifMatch: item.version } : undefined,
      ),
    onSuccess: async (saved) => {
      setTarget(null);
      setError(null);
      notify(doneMessage(saved));
      for (const queryKey of invalidate) await client.invalidateQueries({ queryKey });
    },
    onError: (err) => {
      setTarget(null);
      setError(errorMessage(t, err));
    },
  });
  return {
    /** The row waiting for confirmation. */
    target,
    ask: (item: T) => setTarget(item),
    cancel: () => setTarget(null),
    confirm: () => target && toggle.mutate(target),
    pending: toggle.isPending,
    error,
    clearError: () => setError(null),
  };
}

/**
 * "Archive this?" / "Restore this?" for the row `toggle` is asking about. The texts are built from
 * the row; they stay while the dialog fades out.
 */
export function ArchiveDialog<T extends Archivable>({
  toggle,
  texts,
}: {
  toggle: ReturnType<typeof useArchiveToggle<T>>;
  texts: (item: T) => { title: string; body: string; confirm: string };
}) {
  const { t } = useTranslation();
  const last = useRef<T | null>(null);
  if (toggle.target) last.current = toggle.target;
  const item = last.current;
  const words = item ? texts(item) : null;
  return (
    <Modal
      opened={toggle.target !== null}
      onClose={toggle.cancel}
      title={words?.title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <Text mb="md">{words?.body}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={toggle.cancel}>
          {t('common.cancel')}
        </Button>
        <Button
          color={item?.archivedAt ? undefined : 'red'}
          loading={toggle.pending}
          onClick={toggle.confirm}
        >
          {words?.confirm}
        </Button>
      </Group>
    </Modal>
  );
}
