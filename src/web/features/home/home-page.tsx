import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { roleLabel } from '../../app/roles.js';
import { useAuthedSession, useCan } from '../../app/session.js';
import { useOrgsOverview } from '../orgs/api.js';
import { SafetyPromptCard } from '../safety/safety-prompt-card.js';
import { useHomeFindings, useHomeSteps } from './api.js';
import { HomeFindings } from './findings.js';
import { NextStep, ReadinessPath } from './readiness-path.js';

interface Step {
  key: string;
  done: boolean;
  title: string;
  body: string;
  to: string;
  action: string;
}

/**
 * The organization's basic steps (sites, people, members), each for those who may take it, done
 * once its count says so; their texts are `home.step<words>Title/Body/Action`.
 */
const BASIC_STEPS: {
  key: string;
  words: string;
  permission: Parameters<ReturnType<typeof useCan>>[0];
  to: string;
  done: (summary: { sitesCount: number; peopleCount: number; membersCount: number }) => boolean;
}[] = [
  { key: 'sites', words: 'Sites', permission: 'org.manage', to: '/structure', done: (s) => s.sitesCount > 0 },
  {
    key: 'people',
    words: 'People',
    permission: 'people.write',
    to: '/people',
    done: (s) => s.peopleCount > 0,
  },
  {
    key: 'members',
    words: 'Members',
    permission: 'members.manage',
    to: '/members',
    done: (s) => s.membersCount > 1,
  },
];

/**
 * The owner's readiness overview: the one thing to do next, the path (check → inventory → BIA →
 * sign-off, and later modules' steps) with each step's state, the findings that need the owner,
 * then the organization's basics.
 */
export function HomePage() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const can = useCan();
  const overview = useOrgsOverview();
  const homeSteps = useHomeSteps();
  const homeFindings = useHomeFindings();
  const findings = homeFindings.data?.items ?? [];
  const org = session.currentOrg;
  const summary = overview.data?.items.find((o) => o.id === org?.id);

  const step = (key: string, words: string, to: string, done: boolean): Step => ({
    key,
    done,
    to,
    title: t(`home.step${words}Title`),
    body: t(`home.step${words}Body`),
    action: t(`home.step${words}Action`),
  });
  const steps: Step[] = [
    ...(summary
      ? BASIC_STEPS.filter((b) => can(b.permission)).map((b) => step(b.key, b.words, b.to, b.done(summary)))
      : []),
    step('mfa', 'Mfa', '/account', session.user.mfaEnabled),
  ];

  return (
    <>
      <PageHeader
        title={org?.name ?? t('nav.home')}
        description={t('home.welcome', { name: session.user.displayName })}
        actions={org && <Badge variant="light">{roleLabel(t, org.role)}</Badge>}
      />
      <Stack gap="xl">
        {/* A safety request waiting for this member comes before anything else on the page. */}
        <SafetyPromptCard />
        {homeSteps.isPending ? (
          <PageLoader />
        ) : homeSteps.isError ? (
          <LoadError error={homeSteps.error} onRetry={() => void homeSteps.refetch()} />
        ) : (
          <>
            {!homeFindings.isPending && <NextStep steps={homeSteps.data} findings={findings} />}
            <HomeFindings items={homeSteps.data.next === null ? findings.slice(1) : findings} />
            <ReadinessPath steps={homeSteps.data} />
          </>
        )}
        <section aria-labelledby="home-summary">
          <Title order={2} size="h4" id="home-summary" mb="sm">
            {t('home.summary')}
          </Title>
          {overview.isPending ? (
            <PageLoader />
          ) : overview.isError ? (
            <LoadError error={overview.error} onRetry={() => void overview.refetch()} />
          ) : summary ? (
            <SimpleGrid cols={{ base: 1, xs: 3 }}>
              <Stat
                label={t('home.people')}
                value={summary.peopleCount}
                to={can('people.read') ? '/people' : undefined}
              />
              <Stat
                label={t('home.sites')}
                value={summary.sitesCount}
                to={can('org.read') ? '/structure' : undefined}
              />
              <Stat
                label={t('home.members')}
                value={summary.membersCount}
                to={can('members.manage') ? '/members' : undefined}
              />
            </SimpleGrid>
          ) : null}
        </section>

        <section aria-labelledby="home-setup">
          <Title order={2} size="h4" id="home-setup" mb="sm">
            {t('home.setupTitle')}
          </Title>
          <List spacing="md" listStyleType="none" withPadding={false}>
            {steps.map((step) => (
              <List.Item
                key={step.key}
                icon={
                  <ThemeIcon color={step.done ? 'teal.8' : 'gray.6'} variant="light" radius="xl" size={28}>
                    {step.done ? (
                      <IconCircleCheck size={18} aria-hidden="true" />
                    ) : (
                      <IconCircleDashed size={18} aria-hidden="true" />
                    )}
                  </ThemeIcon>
                }
              >
                <Text fw={600}>
                  {step.title}{' '}
                  <Text span size="sm" c={step.done ? 'teal.9' : 'dimmed'} fw={400}>
                    {step.done ? t('home.done') : t('home.notYet')}
                  </Text>
                </Text>
                <Text size="sm" c="dimmed">
                  {step.body}
                </Text>
                {!step.done && (
                  <Anchor component={Link} to={step.to} size="sm">
                    {step.action}
                  </Anchor>
                )}
              </List.Item>
            ))}
          </List>
        </section>
      </Stack>
    </>
  );
}

function Stat({ label, value, to }: { label: string; value: number; to?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group justify="space-between" align="baseline">
        <Text fz={28} fw={700}>
          {value.toLocaleString()}
        </Text>
        {to && (
          <Anchor component={Link} to={to} size="sm" aria-label={t('home.viewLabel', { label })}>
            {t('home.view')}
          </Anchor>
        )}
      </Group>
    </Card>
  );
}
