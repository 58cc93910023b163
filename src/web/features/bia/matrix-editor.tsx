import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../domain/bia.js';
import type { BiaContent } from '../../../shared/bia-api.js';
import type { FieldIssue } from '../../../shared/problem.js';
import { usePhone } from '../../app/list-filters.js';
import { ScrollTable } from '../../app/scroll-table.js';
import { SectionCard } from '../../app/section-card.js';
import { featureIssueMessage, PRIORITY_COLORS } from '../graph/labels.js';
import { LevelMatrix } from './level-matrix.js';

/**
 * The priority of every importance × dependency cell, typed in or taken from a preset of the scale.
 * A grid on a wide screen; on a phone one box per dependency level, its cells labelled by importance.
 */
export function MatrixEditor({
  scale,
  matrix,
  presets,
  lang,
  write,
  levelName,
  cellIssue,
  onChange,
}: {
  scale: number;
  /** matrix[dependency - 1][importance - 1]; '' for a cell left empty. */
  matrix: string[][];
  presets: BiaContent['matrices'];
  lang: 'ja' | 'en';
  write: boolean;
  levelName: (axis: 'importance' | 'dependency', level: number) => string;
  cellIssue: (dependency: number, importance: number) => FieldIssue | undefined;
  onChange: (matrix: string[][]) => void;
}) {
  const { t } = useTranslation();
  const phone = usePhone();
  const levels = Array.from({ length: scale }, (_, k) => k + 1);
  /** The choice of one cell; on a phone with its importance level written above it. */
  const select = (d: number, i: number, label?: string) => {
    const value = matrix[d - 1]?.[i - 1] ?? '';
    const issue = cellIssue(d, i);
    return (
      <NativeSelect
        label={label}
        aria-label={t('bia.settings.cellLabel', { importance: i, dependency: d })}
        value={value}
        disabled={!write}
        error={issue ? featureIssueMessage(t, issue) : undefined}
        data={[{ value: '', label: '—' }, ...PRIORITIES.map((p) => ({ value: p, label: p }))]}
        onChange={(e) => {
          const next = matrix.map((row) => [...row]);
          const row = next[d - 1] ?? [];
          row[i - 1] = e.currentTarget.value;
          next[d - 1] = row;
          onChange(next);
        }}
        w={72}
        styles={{
          input: {
            fontWeight: 700,
            background: value ? `var(--mantine-color-${PRIORITY_COLORS[value]}-1)` : undefined,
          },
        }}
      />
    );
  };
  return (
    <SectionCard compact id="bia-matrix" title={t('bia.settings.matrix')} hint={t('bia.settings.matrixHint')}>
      <Group gap="xs" mb="sm">
        {presets
          .filter((m) => m.matrix.scale === scale)
          .map((m) => (
            <Button
              key={m.id}
              size="xs"
              variant="default"
              disabled={!write}
              title={m.rule[lang]}
              onClick={() => onChange(m.matrix.cells.map((row) => [...row]))}
            >
              {t('bia.settings.usePreset', { name: m.title[lang] })}
            </Button>
          ))}
      </Group>
      {phone ? (
        <Stack gap="sm">
          {[...levels].reverse().map((d) => (
            <Fieldset
              key={d}
              legend={`${t('bia.heatmap.dependency', { level: d })}（${levelName('dependency', d)}）`}
              p="sm"
            >
              <SimpleGrid cols={3} spacing="xs">
                {levels.map((i) => (
                  <div key={i}>{select(d, i, t('bia.heatmap.importance', { level: i }))}</div>
                ))}
              </SimpleGrid>
            </Fieldset>
          ))}
        </Stack>
      ) : (
        <ScrollTable labelledBy="bia-matrix" minWidth={scale === 5 ? 560 : 360}>
          <LevelMatrix
            scale={scale}
            caption={t('bia.settings.matrixCaption')}
            levelName={levelName}
            cell={select}
          />
        </ScrollTable>
      )}
    </SectionCard>
  );
}
