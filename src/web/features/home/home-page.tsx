import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, PageHeader, PageLoader } from '../../app/page-state.js';
import { roleLabel } from '../../app/roles.js';
import { useAuthedSession, useCan } from '../../app/session.js';
import { useOrgsOverview } from '../orgs/api.js';
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

  const steps: Step[] = [];
  if (summary && can('org.manage')) {
    steps.push({
      key: 'sites',
      done: summary.sitesCount > 0,
      title: t('home.stepSitesTitle'),
      body: t('home.stepSitesBody'),
      to: '/structure',
      action: t('home.stepSitesAction'),
    });
  }
  if (summary && can('people.write')) {
    steps.push({
      key: 'people',
      done: summary.peopleCount > 0,
      title: t('home.stepPeopleTitle'),
      body: t('home.stepPeopleBody'),
      to: '/people',
      action: t('home.stepPeopleAction'),
    });
  }
  if (summary && can('members.manage')) {
    steps.push({
      key: 'members',
      done: summary.membersCount > 1,
      title: t('home.stepMembersTitle'),
      body: t('home.stepMembersBody'),
      to: '/members',
      action: t('home.stepMembersAction'),
    });
  }
  steps.push({
    key: 'mfa',
    done: session.user.mfaEnabled,
    title: t('home.stepMfaTitle'),
    body: t('home.stepMfaBody'),
    to: '/account',
    action: t('home.stepMfaAction'),
  });

  return (
    <>
      <PageHeader
        title={org?.name ?? t('nav.home')}
        description={t('home.welcome', { name: session.user.displayName })}
        actions={org && <Badge variant="light">{roleLabel(t, org.role)}</Badge>}
      />
      <Stack gap="xl">
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
