import { Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading of a page shown before signing in, with a line on what to do there. */
export function PublicHeading({ title, intro }: { title: string; intro: ReactNode }) {
  return (
    <div>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Text c="dimmed" mt={4}>
        {intro}
      </Text>
    </div>
  );
}
