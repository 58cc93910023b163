import { Button, Card, Group, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DamagePresets } from '../../../shared/damage.js';
import { yen } from '../../app/money.js';
import { TitledSection } from '../../app/register-list.js';
import { share } from './estimate-draft.js';

/** The two 001 cases as cards: what happened, what it cost; a writer can start an estimate from one. */
export function SeedCases({
  presets,
  lang,
  write,
  onUse,
}: {
  presets: DamagePresets['presets'];
  lang: 'ja' | 'en';
  write: boolean;
  onUse: (presetId: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <TitledSection id="dmg-cases" size="h3" title={t('damage.casesTitle')} hint={t('damage.casesHint')}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {presets.map((p) => (
          <Card key={p.id} withBorder padding="md">
            <Text fw={600} id={`dmg-case-${p.id}`}>
              {p.title[lang]}
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {p.scenario[lang]}
            </Text>
            <Text mt="xs" fw={600}>
              {t('damage.caseTotal', {
                total: yen(lang, p.totalYen),
                share: share(p.totalYen, p.annualSalesYen) ?? '—',
              })}
            </Text>
            {write && (
              <Group mt="sm">
                <Button
                  variant="light"
                  size="xs"
                  aria-describedby={`dmg-case-${p.id}`}
                  onClick={() => onUse(p.id)}
                >
                  {t('damage.useCase')}
                </Button>
              </Group>
            )}
          </Card>
        ))}
      </SimpleGrid>
    </TitledSection>
  );
}
