import { Alert, Button, Group, Skeleton, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from './errors.js';

/**
 * The outline of what is loading, in grey: `page` a whole page (heading, text, table; the lazy
 * route fallback), `table` a filter bar and rows (lists), `cards` a few cards, `form` labelled
 * fields, `block` a few lines (a tab or a panel). Screen readers hear "loading" once.
 */
export function PageSkeleton({ shape }: { shape: 'page' | 'table' | 'cards' | 'form' | 'block' }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" role="status" aria-busy="true" data-testid="page-skeleton">
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
      {shape === 'page' && (
        <>
          <Skeleton height={30} width="40%" radius="sm" />
          <Skeleton height={14} width="70%" radius="sm" mb="md" />
        </>
      )}
      {(shape === 'page' || shape === 'table') && <TableSkeleton />}
      {shape === 'cards' &&
        [0, 1, 2].map((i) => (
          <Stack
            key={i}
            gap={8}
            p="md"
            style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
          >
            <Skeleton height={18} width="35%" radius="sm" />
            <Skeleton height={12} radius="sm" />
            <Skeleton height={12} width="80%" radius="sm" />
          </Stack>
        ))}
      {shape === 'form' &&
        [0, 1, 2, 3].map((i) => (
          <Stack key={i} gap={6} maw={480}>
            <Skeleton height={12} width={120} radius="sm" />
            <Skeleton height={36} radius="sm" />
          </Stack>
        ))}
      {shape === 'block' &&
        [100, 90, 60].map((w) => <Skeleton key={w} height={14} width={`${w}%`} radius="sm" />)}
    </Stack>
  );
}

function TableSkeleton() {
  return (
    <>
      <Skeleton height={36} maw={480} radius="sm" mb="xs" />
      <Skeleton height={32} radius="sm" />
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <Skeleton key={i} height={24} radius="sm" />
      ))}
    </>
  );
}

/** What a panel shows while its data loads: a few grey lines. */
export function PageLoader() {
  return <PageSkeleton shape="block" />;
}

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('common.couldNotLoad')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{errorMessage(t, error)}</Text>
        {onRetry && (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** Sets the browser tab's title for the page being shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} | 継続 keizoku` : '継続 keizoku';
  }, [title]);
}

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <Stack align="flex-start">
      <Title order={1}>{t('notFound.title')}</Title>
      <Text>{t('notFound.body')}</Text>
      <Button component={Link} to="/">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}

/** The page heading with an optional one-line explanation under it (PRODUCT.md: screens explain themselves). */
export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string;
  description?: string;
  actions?: React.ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Stack gap={4} mb="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Group>
      {description && <Text c="dimmed">{description}</Text>}
    </Stack>
  );
}
