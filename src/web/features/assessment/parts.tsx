import { Anchor, Badge, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { RequirementLevel } from '../../../domain/checklist.js';
import { ResponsiveTable, type TableColumn } from '../../app/data-table.js';

const LEVEL_COLORS: Record<RequirementLevel, string> = { SHALL: 'red', SHOULD: 'orange', MAY: 'gray' };

/** 必須 / 推奨 / 任意 as a coloured badge. */
export function LevelBadge({ level }: { level: RequirementLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={LEVEL_COLORS[level]} variant="light">
      {t(`assessment.levels.${level}`)}
    </Badge>
  );
}

/** The text of a { ja, en } content field in the reader's language. */
export function useText() {
  const { i18n } = useTranslation();
  return (text: { ja: string; en: string } | null | undefined) =>
    text ? (i18n.language === 'en' ? text.en : text.ja) : '';
}

/** Links between the four pages of one assessment. */
export function AssessmentTabs({ id }: { id: string }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const tabs = [
    { to: `/assessment/${id}`, label: t('assessment.tabs.sheet') },
    { to: `/assessment/${id}/actions`, label: t('assessment.tabs.actions') },
    { to: `/assessment/${id}/results`, label: t('assessment.tabs.results') },
    { to: `/assessment/${id}/assets`, label: t('assessment.tabs.assets') },
  ];
  return (
    <Group component="nav" aria-label={t('assessment.tabs.label')} gap="md" mb="md" wrap="wrap">
      <Anchor component={Link} to="/assessment">
        {t('assessment.tabs.list')}
      </Anchor>
      {tabs.map((tab) => (
        <Anchor
          key={tab.to}
          component={Link}
          to={tab.to}
          fw={pathname === tab.to ? 700 : 400}
          aria-current={pathname === tab.to ? 'page' : undefined}
        >
          {tab.label}
        </Anchor>
      ))}
    </Group>
  );
}

/**
 * A titled section listing rows as a table (cards on a phone): the table, a line saying there is
 * none yet, or `state` while the rows are loading or failed to load.
 */
export function TableSection<T extends { id: string }>({
  id,
  title,
  empty,
  rows,
  state,
  ...table
}: {
  id: string;
  title: string;
  empty: string;
  rows: readonly T[];
  state?: ReactNode;
  minWidth: number;
  columns: TableColumn<T>[];
  actions?: ((row: T) => ReactNode) | undefined;
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {state ??
        (rows.length === 0 ? (
          <Text c="dimmed">{empty}</Text>
        ) : (
          <ResponsiveTable labelledBy={id} rows={rows} rowKey={(r) => r.id} {...table} />
        ))}
    </section>
  );
}
