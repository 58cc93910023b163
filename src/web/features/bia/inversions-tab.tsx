import { Alert, Card, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BiaView } from '../../../shared/bia-api.js';
import { rtoLabel } from '../graph/labels.js';
import { nameMap } from './api.js';
import { pathNames } from './path-names.js';

/** /bia/inversions — dependencies whose RTO is longer than what depends on them. */
export function InversionsTab({ view }: { view: BiaView }) {
  const { t } = useTranslation();
  const names = nameMap(view);
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('bia.inversions.hint')}
      </Text>
      {view.inversions.length === 0 ? (
        <Alert color="teal">{t('bia.inversions.none')}</Alert>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {view.inversions.map((inv) => (
            <Card key={`${inv.dependant}>${inv.dependency}`} withBorder padding="sm" component="li">
              <Text fw={600}>
                {t('bia.inversions.item', {
                  dependant: names.get(inv.dependant) ?? '?',
                  dependency: names.get(inv.dependency) ?? '?',
                })}
              </Text>
              <Text size="sm">
                {t('bia.inversions.needs', {
                  name: names.get(inv.dependant) ?? '?',
                  rto: rtoLabel(t, inv.dependantRto),
                })}
                {t('bia.inversions.but', {
                  name: names.get(inv.dependency) ?? '?',
                  rto: rtoLabel(t, inv.dependencyRto),
                })}
              </Text>
              <Text size="sm" c="dimmed">
                {t('bia.inversions.chain')}: {pathNames(names, inv.chain)}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
