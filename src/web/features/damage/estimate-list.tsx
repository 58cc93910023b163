import { Group, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DamageEstimate } from '../../../shared/damage.js';
import { ResponsiveTable } from '../../app/data-table.js';
import { IconAction } from '../../app/icon-action.js';
import { YenAmount } from '../../app/money.js';
import { share } from './estimate-draft.js';

/** The saved estimates: total, share of annual sales, what each is linked to; edit (or view) and delete. */
export function EstimateList({
  items,
  names,
  write,
  onEdit,
  onDelete,
}: {
  items: DamageEstimate[];
  /** Operation and system names by id. */
  names: Map<string, string>;
  write: boolean;
  onEdit: (estimate: DamageEstimate) => void;
  onDelete: (estimate: DamageEstimate) => void;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="dmg-list">
      <Title order={2} size="h3" id="dmg-list" mb="xs">
        {t('damage.listTitle')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('damage.empty')}
        </Text>
      ) : (
        <ResponsiveTable
          labelledBy="dmg-list"
          minWidth={640}
          rows={items}
          rowKey={(e) => e.id}
          columns={[
            { header: t('damage.fields.name'), cell: (e) => e.name },
            { header: t('damage.total'), cell: (e) => <YenAmount value={e.totalYen} />, nowrap: true },
            {
              header: t('damage.share'),
              cell: (e) => {
                const pct = share(e.totalYen, e.salesUsedYen);
                return pct ? `${pct}%` : '—';
              },
            },
            {
              header: t('damage.fields.link'),
              cell: (e) => {
                const linked = e.operationId ?? e.systemId;
                return linked ? (names.get(linked) ?? '—') : '—';
              },
            },
          ]}
          actions={(e) => (
            <Group gap={4} wrap="nowrap">
              <IconAction
                tooltip={write ? t('damage.edit') : t('damage.view')}
                label={t('damage.editLabel', { name: e.name })}
                onClick={() => onEdit(e)}
              >
                <IconPencil size={18} aria-hidden="true" />
              </IconAction>
              {write && (
                <IconAction
                  tooltip={t('damage.delete')}
                  label={t('damage.deleteLabel', { name: e.name })}
                  danger
                  onClick={() => onDelete(e)}
                >
                  <IconTrash size={18} aria-hidden="true" />
                </IconAction>
              )}
            </Group>
          )}
        />
      )}
    </section>
  );
}
