import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from './language-switch.js';

/** Pages before signing in: the name, the language switch and one centred column. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="gray.0">
      <Box
        component="header"
        px="md"
        py="sm"
        bg="white"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Group justify="space-between" wrap="nowrap">
          <AppName />
          <LanguageSwitch />
        </Group>
      </Box>
      <Container component="main" size={480} py="xl" px="md">
        {children}
      </Container>
    </Box>
  );
}

export function AppName() {
  return (
    <Text component="span" fw={700} size="lg" style={{ whiteSpace: 'nowrap' }}>
      {/* i18n-ignore: the product's name, written the same in every language. */}
      <span lang="ja">継続</span>{' '}
      <Text component="span" fw={500} size="sm" c="dimmed" lang="en">
        {/* i18n-ignore: the product's name in Latin letters. */}
        keizoku
      </Text>
    </Text>
  );
}
