import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** One part of the settings: a card named by its heading, with a line on what it is for. */
export function SettingsSection({
  id,
  title,
  hint,
  children,
}: {
  id: string;
  title: ReactNode;
  hint: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb={4}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      {children}
    </Card>
  );
}
