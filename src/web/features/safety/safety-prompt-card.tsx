import { Badge, Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconUrgent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { MySafetyRequests } from '../../../shared/safety.js';
import { errorMessage } from '../../app/errors.js';
import { useCan } from '../../app/session.js';
import { useMySafetyRequests, useOpenOwnAnswer } from './api.js';

type MyRequest = MySafetyRequests['items'][number];

/**
 * The top of the home page while the signed-in member has a safety request not answered yet: one
 * card per incident, big enough for a thumb at 375 px, whose button opens their own answer page
 * at once (the same page the mailed link opens). Nothing at all otherwise.
 */
export function SafetyPromptCard() {
  const can = useCan();
  if (!can('incidents.read')) return null;
  return <OpenRequests />;
}

/** The home page is not live: a request made while it is open shows up within a minute. */
const POLL_MS = 60_000;

function OpenRequests() {
  const mine = useMySafetyRequests({ pollMs: POLL_MS });
  const open = (mine.data?.items ?? []).filter((r) => !r.answered);
  if (open.length === 0) return null;
  return (
    <Stack gap="sm">
      {open.map((r) => (
        <PromptFor key={r.recipientId} request={r} />
      ))}
    </Stack>
  );
}

function PromptFor({ request }: { request: MyRequest }) {
  const { t } = useTranslation();
  const answer = useOpenOwnAnswer();
  const titleId = `safety-prompt-${request.recipientId}`;
  return (
    <Card
      component="section"
      aria-labelledby={titleId}
      withBorder
      padding="md"
      radius="md"
      style={{ borderColor: 'var(--mantine-color-red-9)', borderWidth: 3 }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color="red.9" size={40} radius="xl" aria-hidden="true">
          <IconUrgent size={24} />
        </ThemeIcon>
        <Stack gap={4}>
          <Title order={2} size="h3" id={titleId}>
            {t('safety.prompt.title')}
          </Title>
          <Group gap="xs">
            <Text fw={600}>{request.incidentTitle}</Text>
            {request.mode === 'drill' && (
              <Badge color="gray" variant="outline">
                {t('safety.prompt.drill')}
              </Badge>
            )}
          </Group>
          <Text size="sm">{t('safety.prompt.body')}</Text>
        </Stack>
      </Group>
      <Button
        mt="md"
        size="lg"
        fullWidth
        color="red.9"
        loading={answer.isPending}
        onClick={() => answer.mutate(request.recipientId)}
      >
        {t('safety.prompt.answer')}
      </Button>
      {answer.error && (
        <Text c="red.9" size="sm" mt="xs" role="alert">
          {errorMessage(t, answer.error)}
        </Text>
      )}
    </Card>
  );
}
