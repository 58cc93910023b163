import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../domain/bia.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { GlossaryTerm } from '../../app/glossary-term.js';
import { RtoInput } from '../../app/rto-input.js';
import { SectionCard } from '../../app/section-card.js';
import { featureIssueMessage } from '../graph/labels.js';
import type { RtoTable, SettingsDraft } from './settings-draft.js';

/** The RTO each priority needs: one of the preset tables, or custom once any value is typed in. */
export function RtoTableEditor({
  presets,
  preset,
  table,
  lang,
  write,
  rtoIssue,
  onChange,
}: {
  presets: { id: string; title: { ja: string; en: string }; table: RtoTable }[];
  /** A preset id, or 'custom'. */
  preset: string;
  table: RtoTable;
  lang: 'ja' | 'en';
  write: boolean;
  rtoIssue: (priority: string) => FieldIssue | undefined;
  onChange: (change: Partial<SettingsDraft>) => void;
}) {
  const { t } = useTranslation();
  return (
    <SectionCard
      compact
      id="bia-rto"
      title={
        <>
          <GlossaryTerm id="rto">{t('bia.terms.rto')}</GlossaryTerm>
          {t('bia.settings.rtoTable')}
        </>
      }
      hint={t('bia.settings.rtoHint')}
    >
      <Select
        label={t('bia.settings.rtoPreset')}
        maw={360}
        mb="sm"
        disabled={!write}
        allowDeselect={false}
        data={[
          ...presets.map((p) => ({ value: p.id, label: p.title[lang] })),
          { value: 'custom', label: t('bia.settings.custom') },
        ]}
        value={preset}
        onChange={(v) => {
          const p = presets.find((x) => x.id === v);
          onChange(p ? { rtoPreset: p.id, rtoTable: { ...p.table } } : { rtoPreset: 'custom' });
        }}
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {PRIORITIES.map((p) => {
          const issue = rtoIssue(p);
          return (
            <RtoInput
              key={p}
              label={t('bia.settings.rtoFor', { priority: p })}
              value={table[p]}
              disabled={!write}
              error={issue ? featureIssueMessage(t, issue) : undefined}
              onChange={(v) => {
                if (!v) return;
                onChange({ rtoTable: { ...table, [p]: v }, rtoPreset: 'custom' });
              }}
            />
          );
        })}
      </SimpleGrid>
    </SectionCard>
  );
}
