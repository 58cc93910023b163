import { Button, Card, Checkbox, Collapse, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import type { ListWords } from './feature-words.js';
import { type ListState, SEARCH_MAX_LENGTH } from './list-query.js';

/** Below 48em the lists show cards instead of tables and fold their extra filters away. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
}

/**
 * What a register list shows: the search as typed (sent 300 ms after the last key), the register's
 * own filters, the order and "show archived". `state` is what the list query should use.
 */
export function useListState<F extends string = string>(initialSort?: string) {
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [filters, setFilters] = useState<Partial<Record<F, string | null>>>({});
  const [sort, setSort] = useState(initialSort);
  const [includeArchived, setIncludeArchived] = useState(false);
  const state: ListState<F> = { q: debouncedQ, filters, sort, includeArchived };
  return {
    state,
    q,
    setQ,
    filters,
    setFilter: (key: F, value: string | null) => setFilters((f) => ({ ...f, [key]: value })),
    sort,
    setSort,
    includeArchived,
    setIncludeArchived,
  };
}

/** The search box of a list (a searchbox named by its label). */
function SearchField({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden="true" />}
      value={value}
      maxLength={SEARCH_MAX_LENGTH}
      type="search"
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** "Show archived ones too". */
export function ShowArchived({
  label,
  checked,
  onChange,
  size,
  mt,
  mb,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  size?: 'sm';
  mt?: 'sm';
  mb?: 'sm';
}) {
  return (
    <Checkbox
      size={size}
      mt={mt}
      mb={mb}
      label={label}
      checked={checked}
      onChange={(e) => onChange(e.currentTarget.checked)}
    />
  );
}

/**
 * The filter card above a list: the search and the register's own filters in a grid, then "show
 * archived". Filters given as `more` stay in the grid on a wide screen and fold behind a button
 * on a phone.
 */
export function FilterCard({
  list,
  words,
  children,
  more,
}: {
  list: Pick<ReturnType<typeof useListState>, 'q' | 'setQ' | 'includeArchived' | 'setIncludeArchived'>;
  words: Pick<ListWords, 'filters' | 'search' | 'searchPlaceholder' | 'showArchived'>;
  children?: ReactNode;
  more?: { id: string; toggleLabel: string; filters: ReactNode };
}) {
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  const fold = more !== undefined && phone;
  return (
    <Card withBorder padding="md" component="section" aria-label={words.filters}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <SearchField
          label={words.search}
          placeholder={words.searchPlaceholder}
          value={list.q}
          onChange={list.setQ}
        />
        {children}
        {!fold && more?.filters}
      </SimpleGrid>
      {fold && (
        <>
          <Button
            variant="subtle"
            size="compact-sm"
            mt="xs"
            px={0}
            onClick={() => setOpen((o) => !o)}
            aria-expanded={open}
            aria-controls={more.id}
            leftSection={<IconFilter size={16} aria-hidden="true" />}
          >
            {more.toggleLabel}
          </Button>
          <Collapse expanded={open} id={more.id}>
            <Stack gap="sm" mt="xs">
              {more.filters}
            </Stack>
          </Collapse>
        </>
      )}
      <ShowArchived
        mt="sm"
        label={words.showArchived}
        checked={list.includeArchived}
        onChange={list.setIncludeArchived}
      />
    </Card>
  );
}

/**
 * One of the register's own filters: a choice that can be cleared ("all"), searchable when it
 * has a "nothing found" text.
 */
export function FilterSelect<F extends string>({
  list,
  param,
  label,
  placeholder,
  data,
  nothingFound,
}: {
  list: Pick<ReturnType<typeof useListState<F>>, 'filters' | 'setFilter'>;
  param: F;
  label: string;
  placeholder: string;
  data: { value: string; label: string }[];
  nothingFound?: string;
}) {
  return (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={list.filters[param] ?? null}
      onChange={(v) => list.setFilter(param, v)}
      clearable
      searchable={nothingFound !== undefined}
      nothingFoundMessage={nothingFound}
    />
  );
}
