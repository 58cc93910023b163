import { Accordion, List, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BiaContent } from '../../../shared/bia-api.js';
import { SectionCard } from '../../app/section-card.js';

/**
 * The 3- or 5-level scale and what each level of importance and dependency means on it. Choosing
 * the other scale only asks for its preview (`onChoose`); nothing changes until that is confirmed.
 */
export function ScaleChoice({
  scale,
  scaleContent,
  lang,
  disabled,
  onChoose,
}: {
  scale: 3 | 5;
  scaleContent: BiaContent['scales'][number] | undefined;
  lang: 'ja' | 'en';
  disabled: boolean;
  onChoose: (scale: 3 | 5) => void;
}) {
  const { t } = useTranslation();
  return (
    <SectionCard compact id="bia-scale" title={t('bia.settings.scale')} hint={t('bia.settings.scaleHint')}>
      <SegmentedControl
        aria-label={t('bia.settings.scale')}
        value={String(scale)}
        disabled={disabled}
        data={[
          { value: '3', label: t('bia.settings.levels', { count: 3 }) },
          { value: '5', label: t('bia.settings.levels', { count: 5 }) },
        ]}
        onChange={(v) => onChoose(Number(v) as 3 | 5)}
      />
      <Accordion mt="sm" variant="contained">
        {(['importance', 'dependency'] as const).map((axis) => (
          <Accordion.Item key={axis} value={axis}>
            <Accordion.Control>{t(`bia.settings.definitions.${axis}`)}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                {(scaleContent?.[axis] ?? []).map((l) => (
                  <div key={l.level}>
                    <Text size="sm" fw={600}>
                      {l.level} — {l.label[lang]}
                    </Text>
                    <List size="sm">
                      {l.examples.map((e) => (
                        <List.Item key={e.ja}>{e[lang]}</List.Item>
                      ))}
                    </List>
                  </div>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </SectionCard>
  );
}
