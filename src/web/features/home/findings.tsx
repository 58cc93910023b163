import { Alert, Button, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeFinding } from '../../../shared/home.js';
import { sentenceParams } from './params.js';

const COLORS: Record<HomeFinding['severity'], string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** Key of a finding: findings have no id, and the same code repeats with other params. */
const findingKey = (f: HomeFinding) => `${f.code}:${JSON.stringify(f.params)}`;

/**
 * The sentence keys of a finding: some words need another sentence when a value is missing
 * (an inversion with no operation behind it, a task with nobody in charge).
 */
function keysOf(f: HomeFinding) {
  const base = `home.findings.${f.code}`;
  const noOperation = f.code === 'rto_inversion' && f.params.operation === null;
  return {
    text: `${base}.${noOperation ? 'textNoOperation' : 'text'}`,
    why: `${base}.${noOperation ? 'whyNoOperation' : 'why'}`,
    todo: `${base}.${f.code === 'task_overdue' && f.params.owner === null ? 'todoNoOwner' : 'todo'}`,
    action: `${base}.action`,
  };
}

/** One finding: what, why it matters, what to do, and a button to where it is fixed. */
export function FindingItem({ finding, emphasised = false }: { finding: HomeFinding; emphasised?: boolean }) {
  const { t, i18n } = useTranslation();
  const params = sentenceParams(t, i18n.language, finding.params);
  const keys = keysOf(finding);
  return (
    <li>
      <Alert
        color={COLORS[finding.severity]}
        variant={emphasised ? 'outline' : 'light'}
        icon={
          finding.severity === 'info' ? (
            <IconInfoCircle size={18} aria-hidden="true" />
          ) : (
            <IconAlertTriangle size={18} aria-hidden="true" />
          )
        }
      >
        <Text fw={600}>{t(keys.text, params)}</Text>
        {i18n.exists(keys.why) && (
          <Text size="sm">
            <Text span size="sm" fw={600}>
              {t('home.whyLabel')}
            </Text>
            {t(keys.why, params)}
          </Text>
        )}
        <Text size="sm" mt={4}>
          {t(keys.todo, params)}
        </Text>
        {finding.link && (
          // White with dark text: the theme's red and orange fills are too faint behind white text.
          <Button component={Link} to={finding.link} size="xs" mt="xs" variant="default">
            {t(keys.action, params)}
          </Button>
        )}
      </Alert>
    </li>
  );
}

/**
 * What the modules want the reader to know now, most urgent first, one finding each. Shows
 * nothing when there is nothing to tell.
 */
export function HomeFindings({ items }: { items: HomeFinding[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="home-findings">
      <Title order={2} size="h4" id="home-findings" mb="sm">
        {t('home.findingsTitle')}
      </Title>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((finding) => (
          <FindingItem key={findingKey(finding)} finding={finding} />
        ))}
      </Stack>
    </section>
  );
}
