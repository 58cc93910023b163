import { Alert, Button, Drawer, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListWords } from './feature-words.js';
import { LoadError, PageSkeleton } from './page-state.js';

/** A refusal or failure about a row (archiving, changing a role), closable. */
export function ErrorBanner({
  message,
  onClose,
  mb,
}: {
  message: string | null;
  onClose?: () => void;
  mb?: 'sm';
}) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <Alert
      color="red"
      role="alert"
      mb={mb}
      withCloseButton={onClose !== undefined}
      onClose={onClose}
      closeButtonLabel={t('common.close')}
    >
      {message}
    </Alert>
  );
}

/** What a list query needs to show its states. */
interface ListQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** A list's loading, failed and empty states; the rows once there are some. */
export function ListStates({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: ListQuery;
  isEmpty: boolean;
  /** Shown when loaded with nothing to show; without it the rows are shown even when empty. */
  empty?: string;
  children: ReactNode;
}) {
  if (query.isPending) return <PageSkeleton shape="table" />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty && empty !== undefined) return <Text c="dimmed">{empty}</Text>;
  return <>{children}</>;
}

/** "Load more" under a paged list, while the server says there is more. */
export function LoadMoreButton({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Button
      variant="default"
      mt="sm"
      onClick={() => void query.fetchNextPage()}
      loading={query.isFetchingNextPage}
    >
      {t('common.loadMore')}
    </Button>
  );
}

/** A paged list's states and rows, then "load more" while there is more. */
export function PagedListStates({
  query,
  ...states
}: Parameters<typeof ListStates>[0] & { query: Parameters<typeof LoadMoreButton>[0]['query'] }) {
  return (
    <>
      <ListStates query={query} {...states} />
      <LoadMoreButton query={query} />
    </>
  );
}

/**
 * The results of a register list as a named region: loading, failure, "nothing yet" (`empty`) or,
 * when the list is narrowed, "no match"; then how many rows are shown (a status), the rows and
 * "load more". A refusal about a row (archiving it) is shown above the region.
 */
export function RegisterResults({
  label,
  rowError,
  query,
  count,
  narrowed,
  empty,
  words,
  children,
}: {
  label: string;
  rowError: { error: string | null; clearError: () => void };
  query: ListQuery & {
    isFetching: boolean;
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    fetchNextPage: () => unknown;
  };
  count: number;
  narrowed: boolean;
  empty: string;
  words: Pick<ListWords, 'noMatch' | 'shown'>;
  children: ReactNode;
}) {
  return (
    <>
      <ErrorBanner message={rowError.error} onClose={rowError.clearError} />
      <section aria-label={label} aria-busy={query.isFetching}>
        <PagedListStates query={query} isEmpty={count === 0} empty={narrowed ? words.noMatch : empty}>
          <Text size="sm" c="dimmed" mb="xs" role="status">
            {words.shown(count, query.hasNextPage)}
          </Text>
          {children}
        </PagedListStates>
      </section>
    </>
  );
}

/** Rows as a list of cards (phones, short lists). */
export function CardList({ gap = 'sm', children }: { gap?: 'xs' | 'sm'; children: ReactNode }) {
  return (
    <Stack gap={gap} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {children}
    </Stack>
  );
}

/** The header of a table's action column, named for screen readers only. */
export function ActionsHeader() {
  const { t } = useTranslation();
  return (
    <Table.Th scope="col">
      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
    </Table.Th>
  );
}

/**
 * The side panel a register edits one row in: open while `editing` is a row or 'new', titled
 * for it, its content made for that row (null for a new one).
 */
export function EditDrawer<T>({
  editing,
  onClose,
  addTitle,
  editTitle,
  children,
}: {
  editing: T | 'new' | null;
  onClose: () => void;
  addTitle: string;
  editTitle: (item: T) => string;
  children: (item: T | null) => ReactNode;
}) {
  const { t } = useTranslation();
  const item = editing === 'new' ? null : editing;
  return (
    <Drawer
      opened={editing !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={item ? editTitle(item) : addTitle}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {editing !== null && children(item)}
    </Drawer>
  );
}

/**
 * A part of a page named by its own heading (a region), e.g. the members and the open invitations:
 * the heading, a hint under it, then the content, or the `empty` text instead when it is given.
 */
export function TitledSection({
  id,
  title,
  hint,
  size = 'h4',
  empty,
  children,
}: {
  id: string;
  title: ReactNode;
  hint?: string;
  size?: 'h3' | 'h4';
  /** Shown instead of the content (the list has nothing in it). */
  empty?: string | undefined;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size={size} id={id} mb={hint ? 4 : 'sm'}>
        {title}
      </Title>
      {hint && (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {empty !== undefined ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        children
      )}
    </section>
  );
}
