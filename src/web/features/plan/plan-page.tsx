import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type PlanSectionId, sectionState } from '../../../domain/plan-document.js';
import type { PlanDocumentJson } from '../../../shared/plan.js';
import { ApiForm, required, useApiErrors } from '../../app/forms.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { planFileUrl, usePlanDocument, usePlanPolicy, useSavePolicy } from './api.js';
import { EditionsSection } from './editions.js';

/** Where each section is written in the app (null: the module does not exist yet). */
const WHERE: Record<PlanSectionId, string | null> = {
  policy: '#policy-editor',
  tier: '/diagnosis',
  incidents: null,
  bia: '/bia',
  backup: null,
  recovery: null,
  contacts: null,
  'first-response': null,
  maintenance: null,
  appendices: '/inventory',
};

const STATE_COLOR = { written: 'green', findings: 'orange', placeholder: 'gray' } as const;
const FORMATS = ['pdf', 'docx', 'offline', 'xlsx'] as const;

function SectionStatus({ doc }: { doc: PlanDocumentJson }) {
  const { t } = useTranslation();
  return (
    <List spacing="xs" listStyleType="none" p={0}>
      {doc.sections.map((s, i) => {
        const state = sectionState(s);
        const where = WHERE[s.id];
        return (
          <List.Item key={s.id}>
            <Group gap="xs" wrap="wrap">
              <Badge color={STATE_COLOR[state]} variant="light">
                {t(`plan.state.${state}`)}
              </Badge>
              {where?.startsWith('/') ? (
                <Anchor component={Link} to={where}>
                  {`${i + 1}. ${s.title}`}
                </Anchor>
              ) : where ? (
                <Anchor href={where}>{`${i + 1}. ${s.title}`}</Anchor>
              ) : (
                <Text>{`${i + 1}. ${s.title}`}</Text>
              )}
            </Group>
          </List.Item>
        );
      })}
    </List>
  );
}

/** The document as the renderers print it, drawn by React from the same data (text only). */
function Preview({ doc }: { doc: PlanDocumentJson }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" aria-label={t('plan.preview')} component="section">
      <Title order={2} size="h3">
        {doc.title}
      </Title>
      <Text c="dimmed">{doc.organizationName}</Text>
      {doc.sections.map((s, i) => (
        <Stack key={s.id} gap="xs" mt="lg">
          <Title order={3} size="h4">{`${i + 1}. ${s.title}`}</Title>
          {s.blocks.map((b, k) => {
            const key = `${s.id}-${k}`;
            if (b.kind === 'paragraph') return <Text key={key}>{b.text}</Text>;
            if (b.kind === 'subheading')
              return (
                <Title key={key} order={4} size="h5">
                  {b.text}
                </Title>
              );
            if (b.kind === 'list')
              return (
                <List key={key} type={b.ordered ? 'ordered' : 'unordered'}>
                  {b.items.map((item, n) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: items are plain texts in a fixed order
                    <List.Item key={n}>{item}</List.Item>
                  ))}
                </List>
              );
            if (b.kind === 'note')
              return (
                <Text key={key} fw={b.tone === 'info' ? undefined : 600}>
                  {`${t(`plan.tone.${b.tone}`)}: ${b.text}`}
                </Text>
              );
            return (
              // A wide table scrolls sideways on a phone; the region takes the keyboard focus to do so.
              <Box key={key} tabIndex={0} role="region" aria-label={b.caption} style={{ overflowX: 'auto' }}>
                <Table withTableBorder withColumnBorders striped>
                  <Table.Caption>{b.caption}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {b.columns.map((c) => (
                        <Table.Th key={c}>{c}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.rows.slice(0, 50).map((r, n) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: rows are plain texts in a fixed order
                      <Table.Tr key={n}>
                        {r.map((c, m) => (
                          // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the columns
                          <Table.Td key={m}>{c}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Box>
            );
          })}
        </Stack>
      ))}
    </Card>
  );
}

function PolicyEditor() {
  const { t } = useTranslation();
  const can = useCan();
  const policy = usePlanPolicy();
  const save = useSavePolicy();
  const form = useForm({
    initialValues: { policy: '', scope: '', approver: '' },
    validate: { policy: required(t), scope: required(t), approver: required(t) },
  });
  const errors = useApiErrors(form);
  const p = policy.data;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when a new version loads
  useEffect(() => {
    if (p) form.setValues({ policy: p.policy, scope: p.scope, approver: p.approver });
  }, [p?.version, p?.isDefault]);
  if (policy.isPending) return <PageSkeleton shape="page" />;
  if (policy.isError || !p) return <LoadError error={policy.error} onRetry={() => void policy.refetch()} />;
  const mayEdit = can('inventory.write');
  return (
    <Card
      withBorder
      padding="md"
      id="policy-editor"
      component="section"
      aria-labelledby="policy-editor-title"
    >
      <Title order={2} size="h3" id="policy-editor-title">
        {t('plan.policy.title')}
      </Title>
      {p.isDefault && <Text c="dimmed">{t('plan.policy.sample')}</Text>}
      <ApiForm
        form={form}
        errors={errors}
        gap="sm"
        mt="sm"
        onSubmit={(values) =>
          save.mutate(
            { version: p.version, input: values },
            { onSuccess: () => errors.clear(), onError: (err) => errors.show(err) },
          )
        }
      >
        <Textarea
          label={t('plan.policy.policy')}
          autosize
          minRows={3}
          readOnly={!mayEdit}
          {...form.getInputProps('policy')}
        />
        <Textarea
          label={t('plan.policy.scope')}
          autosize
          minRows={3}
          readOnly={!mayEdit}
          {...form.getInputProps('scope')}
        />
        <TextInput
          label={t('plan.policy.approver')}
          readOnly={!mayEdit}
          {...form.getInputProps('approver')}
        />
        {mayEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('plan.policy.save')}
            </Button>
            {save.isSuccess && <Text c="teal.9">{t('plan.policy.saved')}</Text>}
          </Group>
        )}
      </ApiForm>
    </Card>
  );
}

/** The IT-BCP page: where the plan stands, downloads in every format, the policy and a preview. */
export function PlanPage() {
  const { t } = useTranslation();
  const doc = usePlanDocument();
  return (
    <>
      <PageHeader title={t('plan.title')} description={t('plan.description')} />
      <Stack gap="xl">
        <Card withBorder padding="md" component="section" aria-labelledby="plan-downloads">
          <Title order={2} size="h3" id="plan-downloads">
            {t('plan.downloads')}
          </Title>
          <Text c="dimmed" mb="sm">
            {t('plan.offlineHelp')}
          </Text>
          <Group gap="sm">
            <Button
              component="a"
              href={planFileUrl('html')}
              target="_blank"
              rel="noopener"
              variant="light"
              leftSection={<IconPrinter size={18} aria-hidden="true" />}
            >
              {t('plan.format.html')}
            </Button>
            {FORMATS.map((f) => (
              <Button
                key={f}
                component="a"
                href={planFileUrl(f)}
                download
                variant="light"
                leftSection={<IconDownload size={18} aria-hidden="true" />}
              >
                {t(`plan.format.${f}`)}
              </Button>
            ))}
          </Group>
        </Card>
        <EditionsSection />
        {doc.isPending ? (
          <PageSkeleton shape="page" />
        ) : doc.isError || !doc.data ? (
          <LoadError error={doc.error} onRetry={() => void doc.refetch()} />
        ) : (
          <>
            <Card withBorder padding="md" component="section" aria-labelledby="plan-status">
              <Title order={2} size="h3" id="plan-status" mb="sm">
                {t('plan.status')}
              </Title>
              <SectionStatus doc={doc.data} />
            </Card>
            <PolicyEditor />
            <Preview doc={doc.data} />
          </>
        )}
      </Stack>
    </>
  );
}
