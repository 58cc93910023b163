import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../domain/bia.js';
import type { ScaleChangeReport } from '../../../shared/bia-api.js';
import { ResponsiveTable } from '../../app/data-table.js';

/** An operation's priority and where it sits: "A (3×2)" (importance × dependency). */
function placement(p: {
  priority?: string | null;
  importance?: number | null;
  dependency?: number | null;
}): string {
  return `${p.priority ?? '—'} (${p.importance ?? '—'}×${p.dependency ?? '—'})`;
}

/** What a scale change would do (operations that move, counts per priority) before it is applied. */
export function ScaleChangeDialog({
  report,
  applying,
  onClose,
  onApply,
}: {
  /** The preview to confirm; null keeps the dialog closed. */
  report: ScaleChangeReport | null;
  applying: boolean;
  onClose: () => void;
  onApply: (scale: 3 | 5) => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={report !== null}
      onClose={onClose}
      title={t('bia.settings.scaleReportTitle', { from: report?.from ?? '', to: report?.to ?? '' })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {report && (
        <Stack gap="sm">
          <Text size="sm">
            {t('bia.settings.scaleReport', { moved: report.moved.length, levels: report.levelsChanged })}
          </Text>
          <Text size="sm">
            {PRIORITIES.map(
              (p) => `${p}: ${report.countsBefore[p] ?? 0} → ${report.countsAfter[p] ?? 0}`,
            ).join(' / ')}
          </Text>
          {report.moved.length > 0 && (
            <section aria-labelledby="scale-moved">
              <Text id="scale-moved" size="sm" fw={600}>
                {t('bia.settings.movedTitle')}
              </Text>
              <ResponsiveTable
                labelledBy="scale-moved"
                minWidth={420}
                rows={report.moved}
                rowKey={(m) => m.id}
                columns={[
                  { header: t('bia.results.operation'), cell: (m) => m.name },
                  { header: t('bia.settings.before'), cell: (m) => placement(m.before) },
                  { header: t('bia.settings.after'), cell: (m) => placement(m.after) },
                ]}
              />
            </section>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button loading={applying} onClick={() => onApply(report.to)}>
              {t('bia.settings.applyScale', { scale: report.to })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
