import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit.js';
import { fieldLabel, formatValue } from './entry-text.js';

const valueStyle = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/**
 * Fields as "label" over "value" lines (a description list): one field under the other, so a
 * long value wraps on a phone instead of pushing a column off the screen.
 */
function FieldList({ label, fields }: { label: string; fields: { field: string; value: ReactNode }[] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <section aria-label={label}>
      <Stack component="dl" gap={6} m={0}>
        {fields.map((f) => (
          <div key={f.field}>
            <Text component="dt" size="sm" fw={600}>
              {fieldLabel(t, f.field)}
            </Text>
            <Text component="dd" size="sm" m={0} style={valueStyle}>
              {f.value}
            </Text>
          </div>
        ))}
      </Stack>
    </section>
  );
}

/**
 * What an entry changed, one line per field in the reader's words: 「担当者　山田 太郎 → 佐藤 花子」,
 * then its other facts. Values are text (React escapes them; nothing is parsed as HTML).
 */
export function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const value = (field: string, v: unknown) => formatValue(t, i18n.language, entry, field, v);
  if (entry.changes.length === 0 && entry.details.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('audit.noChanges')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <FieldList
        label={t('audit.changesLabel')}
        fields={entry.changes.map((c) => ({
          field: c.field,
          value:
            'before' in c && 'after' in c
              ? `${value(c.field, c.before)} → ${value(c.field, c.after)}`
              : 'after' in c
                ? value(c.field, c.after)
                : value(c.field, c.before),
        }))}
      />
      <FieldList
        label={t('audit.detailsLabel')}
        fields={entry.details.map((d) => ({ field: d.field, value: value(d.field, d.value) }))}
      />
    </Stack>
  );
}
