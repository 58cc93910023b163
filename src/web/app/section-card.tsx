import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One part of a page in a card of its own, a region named by its heading, with a line on what it
 * is for under the heading (import steps, BIA settings). `compact` for a card among many.
 */
export function SectionCard({
  id,
  title,
  hint,
  compact = false,
  children,
}: {
  id: string;
  title: ReactNode;
  hint: string;
  compact?: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding={compact ? 'md' : 'lg'} component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={compact ? 4 : undefined}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </Card>
  );
}
