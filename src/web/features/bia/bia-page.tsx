import { Badge, Tabs, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { GlossaryTerms } from '../../app/glossary-term.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useBiaView } from './api.js';
import { EmptyBia } from './empty-bia.js';
import { GraphTab } from './graph-tab.js';
import { HeatMapTab } from './heat-map-tab.js';
import { ImpactTab } from './impact-tab.js';
import { InversionsTab } from './inversions-tab.js';
import { ResultsTab } from './results-tab.js';
import { SettingsPanel } from './settings-panel.js';
import { SignoffTab } from './signoff-tab.js';

const TABS = ['results', 'inversions', 'heatmap', 'graph', 'impact', 'settings', 'signoff'] as const;

/** /bia/:tab — business impact analysis: results, inversions, heat-map, graph, impact, settings, sign-off. */
export function BiaPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab: param } = useParams();
  const tab = TABS.find((x) => x === param);
  const view = useBiaView();
  if (!tab) return <Navigate to="/bia/results" replace />;

  return (
    <>
      <PageHeader title={t('bia.title')} description={t('bia.description')} />
      <GlossaryTerms ids={['bia', 'priority', 'rto', 'expected-recovery', 'inversion', 'signoff']} />
      <Tabs value={tab} onChange={(v) => v && navigate(`/bia/${v}`)} mb="md">
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {TABS.map((x) => (
            <Tabs.Tab
              key={x}
              value={x}
              rightSection={
                x === 'inversions' && view.data && view.data.inversions.length > 0 ? (
                  <Badge color="red" size="sm" circle>
                    <span aria-hidden="true">{view.data.inversions.length}</span>
                    <VisuallyHidden>
                      {t('bia.inversionCount', { count: view.data.inversions.length })}
                    </VisuallyHidden>
                  </Badge>
                ) : undefined
              }
            >
              {t(`bia.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {tab === 'settings' ? (
        <SettingsPanel />
      ) : view.isPending ? (
        <PageSkeleton shape="table" />
      ) : view.isError ? (
        <LoadError error={view.error} onRetry={() => void view.refetch()} />
      ) : tab === 'results' ? (
        <ResultsTab view={view.data} />
      ) : tab === 'inversions' ? (
        <InversionsTab view={view.data} />
      ) : tab === 'heatmap' ? (
        view.data.operations.length === 0 ? (
          <EmptyBia what="heatmap" />
        ) : (
          <HeatMapTab view={view.data} />
        )
      ) : tab === 'graph' ? (
        <GraphTab view={view.data} />
      ) : tab === 'impact' ? (
        <ImpactTab view={view.data} />
      ) : (
        <SignoffTab view={view.data} />
      )}
    </>
  );
}
