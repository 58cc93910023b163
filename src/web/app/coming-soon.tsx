import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './page-state.js';

/** Shown by a feature whose screens are being built; says so plainly instead of an empty page. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} description={description} />
      <Alert color="gray" variant="light">
        <Text size="sm">{t('common.comingSoon')}</Text>
      </Alert>
    </>
  );
}
