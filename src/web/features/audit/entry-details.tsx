import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit.js';
import { fieldLabel, formatValue } from './entry-text.js';

const valueStyle = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

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
      {entry.changes.length > 0 && (
        <section aria-label={t('audit.changesLabel')}>
          <Stack component="dl" gap={6} m={0}>
            {entry.changes.map((c) => (
              <div key={c.field}>
                <Text component="dt" size="sm" fw={600}>
                  {fieldLabel(t, c.field)}
                </Text>
                <Text component="dd" size="sm" m={0} style={valueStyle}>
                  {'before' in c && 'after' in c
                    ? `${value(c.field, c.before)} → ${value(c.field, c.after)}`
                    : 'after' in c
                      ? value(c.field, c.after)
                      : value(c.field, c.before)}
                </Text>
              </div>
            ))}
          </Stack>
        </section>
      )}
      {entry.details.length > 0 && (
        <section aria-label={t('audit.detailsLabel')}>
          <Stack component="dl" gap={6} m={0}>
            {entry.details.map((d) => (
              <div key={d.field}>
                <Text component="dt" size="sm" fw={600}>
                  {fieldLabel(t, d.field)}
                </Text>
                <Text component="dd" size="sm" m={0} style={valueStyle}>
                  {value(d.field, d.value)}
                </Text>
              </div>
            ))}
          </Stack>
        </section>
      )}
    </Stack>
  );
}
