import { Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Step n of 3" before the title of each step of the import. */
export function StepTitle({ step, title }: { step: number; title: string }) {
  const { t } = useTranslation();
  return (
    <Title order={2} size="h4">
      <Text span c="dimmed" size="sm" fw={500} mr={8}>
        {t('imports.step', { step, total: 3 })}
      </Text>
      {title}
    </Title>
  );
}
