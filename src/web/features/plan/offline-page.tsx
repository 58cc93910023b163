import { Anchor, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../app/errors.js';
import { PageHeader, PageSkeleton } from '../../app/page-state.js';
import { editionFileUrl, usePlanEditions } from './api.js';

/**
 * /plan/offline when this device keeps no edition yet (once it does, the service worker answers
 * this address with the kept edition itself, with or without a network).
 */
export function OfflinePlanPage() {
  const { t } = useTranslation();
  const editions = usePlanEditions();
  const latest = editions.data?.items[0];
  return (
    <>
      <PageHeader title={t('plan.offlinePage.title')} description={t('plan.offlinePage.description')} />
      <Card withBorder padding="md">
        {editions.isPending ? (
          <PageSkeleton shape="block" />
        ) : latest ? (
          <Stack gap="sm">
            <Text>
              {t('plan.offlinePage.notYet', { number: latest.number, date: formatDate(latest.issuedOn) })}
            </Text>
            <Anchor href={editionFileUrl(latest.number, 'offline')} download>
              {t('plan.offlinePage.download', { number: latest.number })}
            </Anchor>
          </Stack>
        ) : (
          <Text>
            {t('plan.offlinePage.none')}{' '}
            <Anchor component={Link} to="/plan">
              {t('plan.offlinePage.toPlan')}
            </Anchor>
          </Text>
        )}
      </Card>
    </>
  );
}
