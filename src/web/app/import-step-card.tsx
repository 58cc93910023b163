import { Card, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * One step of the import in a card of its own, a region named by its heading: "Step n of 3"
 * before the step's title, then the step.
 */
export function StepCard({ step, title, children }: { step: number; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const id = `import-step-${step}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <div id={id}>
        <Title order={2} size="h4">
          <Text span c="dimmed" size="sm" fw={500} mr={8}>
            {t('imports.step', { step, total: 3 })}
          </Text>
          {title}
        </Title>
      </div>
      {children}
    </Card>
  );
}
