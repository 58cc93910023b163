import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../domain/bia.js';
import type { ScaleChangeReport } from '../../../shared/bia-api.js';
import { ScrollTable } from '../../app/scroll-table.js';

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
            <ScrollTable labelledBy="scale-moved" minWidth={420}>
              <Text id="scale-moved" size="sm" fw={600}>
                {t('bia.settings.movedTitle')}
              </Text>
              <Table verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('bia.results.operation')}</Table.Th>
                    <Table.Th scope="col">{t('bia.settings.before')}</Table.Th>
                    <Table.Th scope="col">{t('bia.settings.after')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.moved.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>{m.name}</Table.Td>
                      <Table.Td>
                        {m.before.priority ?? '—'} ({m.before.importance ?? '—'}×{m.before.dependency ?? '—'})
                      </Table.Td>
                      <Table.Td>
                        {m.after.priority ?? '—'} ({m.after.importance ?? '—'}×{m.after.dependency ?? '—'})
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
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
