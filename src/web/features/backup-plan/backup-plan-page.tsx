import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dataLossSentence, durationWords } from '../../../domain/backup-plan.js';
import type { BackupPlan, BackupPlanOverview } from '../../../shared/backup-plan.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { formatDate } from '../../app/errors.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useCan } from '../../app/session.js';
import { useBackupPlans } from './api.js';
import { useRuleLocale, VerdictBadge } from './verdict.js';

const URGENT = new Set(['S', 'A']);

/** Where a plan for a system that has none is written. */
const newPlanPath = (systemId: string) => `/backup-plan/new?system=${encodeURIComponent(systemId)}`;

/** A small link button of a row (write or open a plan); `label` names it where its text is short. */
function RowLink({ to, label, children }: { to: string; label?: string; children: ReactNode }) {
  return (
    <Button component={Link} to={to} size="xs" variant="default" aria-label={label}>
      {children}
    </Button>
  );
}

/** Where the organization stands: N of M pass, the worst problems first, what to do. */
function Summary({ o }: { o: BackupPlanOverview }) {
  const { t } = useTranslation();
  const write = useCan()('inventory.write');
  const s = o.summary;
  const urgent = s.unplanned.filter((u) => u.priority !== null && URGENT.has(u.priority));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="backup-summary">
      <Stack gap="sm">
        <Title order={2} size="h3" id="backup-summary">
          {t('backupPlan.summary.title')}
        </Title>
        <Text fw={600} data-testid="backup-summary-line">
          {t('backupPlan.summary.line', { total: s.total, planned: s.planned, passing: s.passing })}
        </Text>
        {s.byPriority.length > 0 && (
          <List size="sm" spacing={2}>
            {s.byPriority.map((p) => (
              <List.Item key={p.priority}>
                {p.priority === 'none'
                  ? t('backupPlan.summary.noPriority', p)
                  : t('backupPlan.summary.priority', { ...p, priority: p.priority })}
              </List.Item>
            ))}
          </List>
        )}
        {urgent.length > 0 && (
          <Alert color="red" title={t('backupPlan.summary.urgentTitle')}>
            <Stack gap={4}>
              {urgent.map((u) => (
                <Group key={u.id} gap="xs" justify="space-between" wrap="wrap">
                  <Text size="sm">
                    {t('backupPlan.summary.urgentItem', { name: u.name, priority: u.priority })}
                  </Text>
                  {write && (
                    <RowLink to={newPlanPath(u.id)}>{t('backupPlan.write', { name: u.name })}</RowLink>
                  )}
                </Group>
              ))}
            </Stack>
          </Alert>
        )}
        {s.topProblems.length > 0 && (
          <Stack gap={4}>
            <Text fw={600}>{t('backupPlan.summary.problemsTitle')}</Text>
            <List size="sm" spacing={4}>
              {s.topProblems.map((p) => (
                <List.Item key={p.code}>
                  {t('backupPlan.summary.problem', {
                    count: p.count,
                    what: t(`backupPlan.problem.${p.code}`),
                  })}
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {s.planned === 0 && <Text size="sm">{t('backupPlan.summary.start')}</Text>}
      </Stack>
    </Card>
  );
}

type Row =
  | { kind: 'plan'; plan: BackupPlan }
  | { kind: 'system'; id: string; name: string; priority: string | null };

/** /backup-plan — the summary, then every system and data set with its verdict. */
export function BackupPlanPage() {
  const { t } = useTranslation();
  const locale = useRuleLocale();
  const write = useCan()('inventory.write');
  const q = useBackupPlans();
  const rows: Row[] = q.data
    ? [
        ...q.data.plans.map((plan) => ({ kind: 'plan' as const, plan })),
        ...q.data.systems
          .filter((s) => s.planId === null)
          .map((s) => ({ kind: 'system' as const, id: s.id, name: s.name, priority: s.priority })),
      ]
    : [];
  return (
    <>
      <PageHeader
        title={t('backupPlan.title')}
        description={t('backupPlan.description')}
        actions={
          write ? (
            <Button
              component={Link}
              to="/backup-plan/new"
              leftSection={<IconPlus size={16} aria-hidden="true" />}
            >
              {t('backupPlan.add')}
            </Button>
          ) : undefined
        }
      />
      {q.isPending ? (
        <PageSkeleton shape="table" />
      ) : q.isError ? (
        <LoadError error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Stack gap="xl">
          <Summary o={q.data} />
          <Text size="sm" c="dimmed">
            <GlossaryTerm id="three-two-one">{t('backupPlan.rule321')}</GlossaryTerm>
            {t('backupPlan.ruleExplain')}
          </Text>
          <section aria-labelledby="backup-list">
            <Title order={2} size="h3" id="backup-list" mb="sm">
              {t('backupPlan.listTitle')}
            </Title>
            {rows.length === 0 ? (
              <Text>{t('backupPlan.empty')}</Text>
            ) : (
              <ResponsiveTable
                labelledBy="backup-list"
                minWidth={760}
                rows={rows}
                rowKey={(r) => (r.kind === 'plan' ? r.plan.id : r.id)}
                columns={[
                  {
                    header: t('backupPlan.columns.name'),
                    cell: (r) =>
                      r.kind === 'plan' ? (
                        <Anchor component={Link} to={`/backup-plan/${r.plan.id}`}>
                          {r.plan.name}
                        </Anchor>
                      ) : (
                        r.name
                      ),
                  },
                  {
                    header: t('backupPlan.columns.priority'),
                    cell: (r) => (r.kind === 'plan' ? r.plan.priority : r.priority) ?? '—',
                    nowrap: true,
                  },
                  {
                    header: t('backupPlan.columns.verdict'),
                    cell: (r) =>
                      r.kind === 'plan' ? <VerdictBadge verdict={r.plan.verdict} /> : t('backupPlan.noPlan'),
                  },
                  {
                    header: t('backupPlan.columns.loss'),
                    cell: (r) =>
                      r.kind === 'plan'
                        ? r.plan.verdict.dataLoss.kind === 'window'
                          ? t('backupPlan.lossUpTo', {
                              duration: durationWords(r.plan.verdict.dataLoss.minutes, locale),
                            })
                          : dataLossSentence(r.plan.verdict.dataLoss, locale)
                        : '—',
                  },
                  {
                    header: t('backupPlan.columns.restore'),
                    cell: (r) =>
                      r.kind === 'plan' && r.plan.restoreTestedOn
                        ? formatDate(r.plan.restoreTestedOn)
                        : t('backupPlan.never'),
                    nowrap: true,
                  },
                ]}
                actions={(r) =>
                  write && r.kind === 'system' ? (
                    <RowLink to={newPlanPath(r.id)} label={t('backupPlan.write', { name: r.name })}>
                      {t('backupPlan.writeShort')}
                    </RowLink>
                  ) : r.kind === 'plan' ? (
                    <RowLink
                      to={`/backup-plan/${r.plan.id}`}
                      label={t('backupPlan.open', { name: r.plan.name })}
                    >
                      {write ? t('backupPlan.editShort') : t('backupPlan.openShort')}
                    </RowLink>
                  ) : null
                }
              />
            )}
          </section>
        </Stack>
      )}
    </>
  );
}
