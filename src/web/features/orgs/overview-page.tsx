import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreateOrgRequest, OrgOverviewItem } from '../../../shared/orgs.js';
import { OrganizationNameField } from '../../app/account-fields.js';
import { api } from '../../app/api.js';
import { ApiForm, FormSection, required, SubmitRow, useApiErrors } from '../../app/forms.js';
import { notify } from '../../app/notify.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { roleLabel } from '../../app/roles.js';
import { useAuthedSession, useSwitchOrg } from '../../app/session.js';
import { ORGS_KEY, useOrgsOverview } from './api.js';

/** Every organization the user belongs to (advisors see all their client companies here). */
export function OrgsOverviewPage() {
  const { t } = useTranslation();
  const session = useAuthedSession();
  const overview = useOrgsOverview();
  const navigate = useNavigate();
  const switchOrg = useSwitchOrg();

  return (
    <>
      <PageHeader title={t('orgs.title')} description={t('orgs.description')} />
      <Stack gap="xl">
        <section aria-labelledby="orgs-list">
          <Title order={2} size="h4" id="orgs-list" mb="sm">
            {t('orgs.listTitle', { count: overview.data?.items.length ?? 0 })}
          </Title>
          {overview.isPending ? (
            <PageSkeleton shape="cards" />
          ) : overview.isError ? (
            <LoadError error={overview.error} onRetry={() => void overview.refetch()} />
          ) : overview.data.items.length === 0 ? (
            <Text c="dimmed">{t('orgs.empty')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {overview.data.items.map((org) => (
                <OrgCard
                  key={org.id}
                  org={org}
                  isCurrent={org.id === session.currentOrg?.id}
                  onOpen={() =>
                    org.id === session.currentOrg?.id ? navigate('/') : switchOrg.mutate(org.id)
                  }
                  busy={switchOrg.isPending && switchOrg.variables === org.id}
                />
              ))}
            </SimpleGrid>
          )}
        </section>
        <CreateOrg />
      </Stack>
    </>
  );
}

function OrgCard({
  org,
  isCurrent,
  onOpen,
  busy,
}: {
  org: OrgOverviewItem;
  isCurrent: boolean;
  onOpen: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
          {org.name}
        </Title>
        <Badge variant="light" style={{ flexShrink: 0 }}>
          {roleLabel(t, org.role)}
        </Badge>
      </Group>
      <Group gap="lg" mb="md">
        <Count label={t('home.people')} value={org.peopleCount} />
        <Count label={t('home.sites')} value={org.sitesCount} />
        <Count label={t('home.members')} value={org.membersCount} />
      </Group>
      <Group justify="space-between" mt="auto">
        {isCurrent ? (
          <Text size="sm" c="teal.9" fw={600}>
            {t('orgs.current')}
          </Text>
        ) : (
          <span />
        )}
        <Button
          size="xs"
          variant={isCurrent ? 'default' : 'filled'}
          onClick={onOpen}
          loading={busy}
          aria-label={t('orgs.openLabel', { name: org.name })}
        >
          {isCurrent ? t('orgs.goHome') : t('orgs.switch')}
        </Button>
      </Group>
    </Card>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value.toLocaleString()}</Text>
    </div>
  );
}

function CreateOrg() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm({ mode: 'controlled', initialValues: { name: '' }, validate: { name: required(t) } });
  const errors = useApiErrors(form);
  const create = useMutation({
    mutationFn: (body: CreateOrgRequest) => api.post('/orgs', body),
    onSuccess: async (_org, vars) => {
      form.reset();
      notify(t('orgs.created', { name: vars.name }));
      await client.invalidateQueries({ queryKey: ORGS_KEY });
      await client.invalidateQueries({ queryKey: ['session'] });
    },
    onError: (err) => errors.show(err),
  });
  return (
    <FormSection id="orgs-create" title={t('orgs.createTitle')} hint={t('orgs.createHint')} maw={560}>
      <ApiForm form={form} errors={errors} onSubmit={(values) => create.mutate(values)}>
        <OrganizationNameField {...form.getInputProps('name')} />
        <SubmitRow label={t('orgs.create')} loading={create.isPending} />
      </ApiForm>
    </FormSection>
  );
}
