import { Group, Table, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DamageEstimate } from '../../../shared/damage.js';
import { DataTable } from '../../app/data-table.js';
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
        <DataTable
          labelledBy="dmg-list"
          minWidth={640}
          columns={[t('damage.fields.name'), t('damage.total'), t('damage.share'), t('damage.fields.link')]}
          actions
        >
          {items.map((e) => {
            const linked = e.operationId ?? e.systemId;
            const pct = share(e.totalYen, e.salesUsedYen);
            return (
              <Table.Tr key={e.id}>
                <Table.Td fw={500}>{e.name}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <YenAmount value={e.totalYen} />
                </Table.Td>
                <Table.Td>{pct ? `${pct}%` : '—'}</Table.Td>
                <Table.Td>{linked ? (names.get(linked) ?? '—') : '—'}</Table.Td>
                <Table.Td>
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
                </Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      )}
    </section>
  );
}
