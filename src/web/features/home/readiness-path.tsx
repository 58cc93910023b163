import { Anchor, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconProgress } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { HomeFinding, HomeStep, HomeStepsResponse } from '../../../shared/home.js';
import { FindingItem } from './findings.js';
import { sentenceParams } from './params.js';

/** Dark shades: the state words are small and must stay readable on white. */
const STATE_COLORS: Record<HomeStep['state'], string> = {
  not_started: 'gray.7',
  in_progress: 'blue.9',
  done: 'teal.9',
};

function StateIcon({ state }: { state: HomeStep['state'] }) {
  const Icon = state === 'done' ? IconCircleCheck : state === 'in_progress' ? IconProgress : IconCircleDashed;
  return (
    <ThemeIcon color={STATE_COLORS[state]} variant="light" radius="xl" size={28}>
      <Icon size={18} aria-hidden="true" />
    </ThemeIcon>
  );
}

/** A step's sentence for its state, e.g. "業務5件のうち3件の重要度を決めました。". */
function useStepStatus() {
  const { t, i18n } = useTranslation();
  return (step: HomeStep) =>
    t(`home.steps.${step.key}.${step.state}`, sentenceParams(t, i18n.language, step.params));
}

/**
 * The single most useful thing to do now: the first step of the path not done, else the most
 * urgent finding, else a word that all is well.
 */
export function NextStep({ steps, findings }: { steps: HomeStepsResponse; findings: HomeFinding[] }) {
  const { t } = useTranslation();
  const status = useStepStatus();
  const step = steps.items.find((s) => s.key === steps.next);
  const [first] = findings;
  return (
    <section aria-labelledby="home-next">
      <Title order={2} size="h4" id="home-next" mb="sm">
        {t('home.next.title')}
      </Title>
      {step ? (
        <Card withBorder padding="md" style={{ borderWidth: 2, borderColor: 'var(--mantine-color-blue-6)' }}>
          <Stack gap={6}>
            <Text fw={700} size="lg">
              {t(`home.steps.${step.key}.title`)}
            </Text>
            <Text size="sm">{t(`home.steps.${step.key}.body`)}</Text>
            <Text size="sm" c="dimmed">
              {status(step)}
            </Text>
            <Group>
              <Button component={Link} to={step.link}>
                {t(`home.steps.${step.key}.action`)}
              </Button>
            </Group>
          </Stack>
        </Card>
      ) : first ? (
        <Stack gap="xs">
          <Text size="sm">{t('home.next.allDone')}</Text>
          <Stack component="ul" gap={0} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            <FindingItem finding={first} emphasised />
          </Stack>
        </Stack>
      ) : (
        <Text size="sm">{t('home.next.allClear')}</Text>
      )}
    </section>
  );
}

/** The owner's path, each step with its real state and a link to where it is done. */
export function ReadinessPath({ steps }: { steps: HomeStepsResponse }) {
  const { t } = useTranslation();
  const status = useStepStatus();
  if (steps.items.length === 0) return null;
  return (
    <section aria-labelledby="home-path">
      <Title order={2} size="h4" id="home-path" mb={4}>
        {t('home.path.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('home.path.hint')}
      </Text>
      <Stack component="ol" gap="sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {steps.items.map((step) => (
          <Card
            key={step.key}
            component="li"
            withBorder
            padding="sm"
            aria-current={step.key === steps.next ? 'step' : undefined}
          >
            <Group align="flex-start" wrap="nowrap" gap="sm">
              <StateIcon state={step.state} />
              <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                <Group gap="xs">
                  <Text fw={600}>{t(`home.steps.${step.key}.title`)}</Text>
                  <Text span size="sm" fw={600} c={STATE_COLORS[step.state]}>
                    {t(`home.path.state.${step.state}`)}
                  </Text>
                </Group>
                <Text size="sm">{status(step)}</Text>
                <Anchor component={Link} to={step.link} size="sm">
                  {t(`home.steps.${step.key}.action`)}
                </Anchor>
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
    </section>
  );
}
