import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  type BackupVerdict,
  dataLossSentence,
  findingWords,
  RULE_321_PARTS,
} from '../../../domain/backup-plan.js';
import { GlossaryTerm } from '../../app/glossary-term.js';

/** The language of the rules' sentences (src/domain/backup-plan.ts words them in both). */
export function useRuleLocale(): 'ja' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'ja';
}

/** A short badge: meets 3-2-1 / does not. */
export function VerdictBadge({ verdict }: { verdict: BackupVerdict }) {
  const { t } = useTranslation();
  // Light badges: dark words on a pale fill keep their contrast (white on orange does not).
  const label = { label: { overflow: 'visible', textOverflow: 'clip' } } as const;
  if (verdict.passes)
    return (
      <Badge color="teal" variant="light" styles={label}>
        {t('backupPlan.verdict.passes')}
      </Badge>
    );
  return (
    <Badge color={verdict.passes321 ? 'yellow' : 'red'} variant="light" styles={label}>
      {verdict.passes321 ? t('backupPlan.verdict.problems') : t('backupPlan.verdict.fails321')}
    </Badge>
  );
}

/** The whole verdict: the three parts of 3-2-1, every failed check with what to do, the data-loss window. */
export function VerdictPanel({ verdict }: { verdict: BackupVerdict }) {
  const { t } = useTranslation();
  const locale = useRuleLocale();
  return (
    <Stack gap="sm" aria-live="polite" data-testid="backup-verdict">
      <Group gap="xs">
        <Text fw={600}>
          <GlossaryTerm id="three-two-one">{t('backupPlan.rule321')}</GlossaryTerm>
        </Text>
        <Text fw={600} data-testid="verdict-321">
          {verdict.passes321 ? t('backupPlan.verdict.meets321') : t('backupPlan.verdict.fails321')}
        </Text>
      </Group>
      <List spacing={2} size="sm">
        {RULE_321_PARTS.map((part) => (
          <List.Item
            key={part}
            icon={
              verdict.rules[part] ? (
                <IconCircleCheck size={16} color="var(--mantine-color-green-8)" aria-hidden="true" />
              ) : (
                <IconAlertTriangle size={16} color="var(--mantine-color-red-8)" aria-hidden="true" />
              )
            }
          >
            {t(`backupPlan.parts.${part}`, { copies: verdict.copyCount, media: verdict.mediaCount })}
            {' — '}
            {verdict.rules[part] ? t('backupPlan.verdict.ok') : t('backupPlan.verdict.notOk')}
          </List.Item>
        ))}
      </List>
      <Text size="sm">{dataLossSentence(verdict.dataLoss, locale)}</Text>
      {verdict.findings.length === 0 ? (
        <Alert color="green" icon={<IconCircleCheck size={18} aria-hidden="true" />}>
          {t('backupPlan.verdict.allGood')}
        </Alert>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {verdict.findings.map((f) => {
            const w = findingWords(f, locale);
            return (
              <li key={`${f.code}-${f.copy ?? 0}`}>
                <Alert
                  color={f.severity === 'fail' ? 'red' : 'blue'}
                  icon={<IconAlertTriangle size={18} aria-hidden="true" />}
                >
                  <Text size="sm" fw={600}>
                    {w.problem}
                  </Text>
                  <Text size="sm">
                    {t('backupPlan.todo')}
                    {w.todo}
                  </Text>
                </Alert>
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}
