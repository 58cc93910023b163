import { Alert, Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * What a BIA tab says while no operation is entered: that nothing is there yet (not a green "no
 * problem" or a grid of zeros) and where to start.
 */
export function EmptyBia({ what }: { what: 'inversions' | 'heatmap' | 'signoff' }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" title={t('bia.empty.title')}>
      <Text size="sm">{t(`bia.empty.${what}`)}</Text>
      <Anchor component={Link} to="/inventory/operations" size="sm" fw={600}>
        {t('bia.empty.action')}
      </Anchor>
    </Alert>
  );
}
