import { Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { REQUIREMENT_LEVELS } from '../../../domain/checklist.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { formatDate } from '../../app/errors.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useAssessment, useAssessments, useResults } from './api.js';
import { RadarChart } from './charts.js';
import { AssessmentTabs, useText } from './parts.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v}%`);

/** /assessment/:id/results — implemented % per category and by level, radar, year-on-year comparison. */
export function ResultsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const text = useText();
  const [withId, setWithId] = useState<string | null>(null);
  const assessment = useAssessment(id);
  const all = useAssessments();
  const results = useResults(id, withId);
  if (results.isPending || assessment.isPending) return <PageSkeleton shape="table" />;
  if (results.isError) return <LoadError error={results.error} onRetry={() => results.refetch()} />;
  if (assessment.isError) return <LoadError error={assessment.error} onRetry={() => assessment.refetch()} />;
  const r = results.data;
  const compare = new Map((r.comparison?.categories ?? []).map((c) => [c.key, c.percent]));
  const others = (all.data?.items ?? []).filter((a) => a.id !== id);
  return (
    <>
      <PageHeader
        title={t('assessment.resultsTitle', { title: assessment.data.title })}
        description={t('assessment.resultsIntro', {
          percent: pct(r.total.percent),
          done: r.total.done,
          total: r.total.applicable,
        })}
      />
      <AssessmentTabs id={id} />
      <Stack gap="lg">
        <Select
          label={t('assessment.compareWith')}
          placeholder={t('assessment.compareNone')}
          data={others.map((o) => ({ value: o.id, label: `${o.title} (${formatDate(o.assessedOn)})` }))}
          value={withId}
          onChange={setWithId}
          clearable
          maw={420}
        />
        <RadarChart
          label={t('assessment.radarAlt')}
          axes={r.categories.map((c) => ({
            name: text(c.title),
            value: c.percent,
            ...(r.comparison ? { compare: compare.get(c.key) ?? null } : {}),
          }))}
        />
        <section aria-labelledby="as-results">
          <Title order={2} size="h3" id="as-results" mb="xs">
            {t('assessment.byCategory')}
          </Title>
          <ResponsiveTable
            labelledBy="as-results"
            minWidth={720}
            rows={r.categories}
            rowKey={(c) => c.key}
            columns={[
              { header: t('assessment.fields.category'), cell: (c) => text(c.title) },
              {
                header: t('assessment.implemented'),
                cell: (c) =>
                  t('assessment.implementedText', {
                    percent: pct(c.percent),
                    done: c.done,
                    total: c.applicable,
                  }),
              },
              ...REQUIREMENT_LEVELS.map((level) => ({
                header: t(`assessment.levels.${level}`),
                cell: (c: (typeof r.categories)[number]) => pct(c.byLevel[level]?.percent),
              })),
              { header: t('assessment.overdue'), cell: (c) => (c.overdue ? String(c.overdue) : '—') },
              ...(r.comparison
                ? [
                    {
                      header: t('assessment.compared', { title: r.comparison.title }),
                      cell: (c: (typeof r.categories)[number]) => pct(compare.get(c.key)),
                    },
                  ]
                : []),
            ]}
          />
          {r.comparison && (
            <Text size="sm" mt="xs">
              {t('assessment.comparisonTotal', {
                title: r.comparison.title,
                before: pct(r.comparison.total),
                now: pct(r.total.percent),
              })}
            </Text>
          )}
        </section>
      </Stack>
    </>
  );
}
