import { Alert, Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { SituationReport } from '../../../shared/situation.js';
import { API_BASE } from '../../app/api.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { LoadError, PageHeader, PageSkeleton } from '../../app/page-state.js';
import { useIncidentEvents, useSituationReport } from './api.js';

type Block = SituationReport['sections'][number]['blocks'][number];
type Row = { key: string; cells: string[] };

/** One block of the report as the PDF prints it: tables become cards on a phone. */
function ReportBlock({ block }: { block: Block }) {
  const { t } = useTranslation();
  if (block.kind === 'paragraph') return <Text style={{ whiteSpace: 'pre-wrap' }}>{block.text}</Text>;
  if (block.kind === 'subheading')
    return (
      <Title order={3} size="h5">
        {block.text}
      </Title>
    );
  if (block.kind === 'list')
    return (
      <List type={block.ordered ? 'ordered' : 'unordered'}>
        {block.items.map((item, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are plain texts in a fixed order
          <List.Item key={n}>{item}</List.Item>
        ))}
      </List>
    );
  if (block.kind === 'note')
    return (
      <Text fw={block.tone === 'info' ? undefined : 600} c={block.tone === 'info' ? 'dimmed' : undefined}>
        {block.tone === 'info' ? block.text : `${t(`plan.tone.${block.tone}`)}: ${block.text}`}
      </Text>
    );
  const rows: Row[] = block.rows.map((cells, n) => ({ key: String(n), cells }));
  return (
    <ResponsiveTable<Row>
      label={block.caption}
      minWidth={Math.min(900, 120 * block.columns.length)}
      columns={block.columns.map((header, i) => ({ header, cell: (r: Row) => r.cells[i] ?? '' }))}
      rows={rows}
      rowKey={(r) => r.key}
    />
  );
}

/**
 * /incidents/:id/report — the situation report (状況報告) at this moment, in the reader's language
 * and time zone: printable (the browser's print, the app's frame left out) and as a PDF from the
 * server. It follows the live events like the HQ screens.
 */
export function SituationPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const report = useSituationReport(id, lang);
  useIncidentEvents();
  if (report.isPending) return <PageSkeleton shape="page" />;
  if (report.error) return <LoadError error={report.error} onRetry={() => void report.refetch()} />;
  const r = report.data;
  const base = `${API_BASE}/incidents/${encodeURIComponent(id)}`;
  return (
    <>
      <div className="no-print">
        <PageHeader
          title={t('incidents.report.title')}
          description={t('incidents.report.description')}
          actions={
            <Group gap="xs">
              <Button
                variant="light"
                leftSection={<IconPrinter size={18} aria-hidden="true" />}
                onClick={() => window.print()}
              >
                {t('incidents.report.print')}
              </Button>
              <Button
                component="a"
                href={`${base}/situation.pdf?lang=${lang}`}
                download
                variant="light"
                leftSection={<IconDownload size={18} aria-hidden="true" />}
              >
                {t('incidents.report.pdf')}
              </Button>
            </Group>
          }
        />
        <Anchor component={Link} to={`/incidents/${encodeURIComponent(id)}`} mb="md" display="inline-block">
          {t('incidents.report.back')}
        </Anchor>
      </div>
      <Card
        withBorder
        padding="md"
        component="article"
        className="print-plain"
        aria-labelledby="report-title"
      >
        {r.banner && (
          <Alert color="orange" variant="light" mb="sm" title={r.banner}>
            {t('incidents.report.drillNote')}
          </Alert>
        )}
        <Title order={2} size="h3" id="report-title">
          {r.title}
        </Title>
        <Text c="dimmed">{r.organizationName}</Text>
        {r.subtitle.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        <Text size="sm" c="dimmed">
          {t('incidents.report.generated', { at: r.generatedLocal })}
        </Text>
        {r.sections.map((s) => (
          <Stack key={s.id} gap="xs" mt="lg" component="section" aria-label={s.title}>
            <Title order={3} size="h4">
              {s.title}
            </Title>
            {s.blocks.map((b, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: blocks are in a fixed order
              <ReportBlock key={k} block={b} />
            ))}
          </Stack>
        ))}
      </Card>
    </>
  );
}
