import { Text, VisuallyHidden } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Axis = 'importance' | 'dependency';

/**
 * The dependency × importance grid of a BIA scale (the heat-map and the priority matrix): a
 * caption for screen readers, importance levels across, dependency levels down from the highest,
 * each level headed by its number (and, with `levelName`, its name under it).
 */
export function LevelMatrix({
  scale,
  caption,
  levelName,
  axisTitles,
  cell,
}: {
  scale: number;
  caption: string;
  levelName?: (axis: Axis, level: number) => string;
  /** Titles in words for the columns (importance, above them) and the rows (dependency, above the grid); the grid then fills its width. */
  axisTitles?: Record<Axis, string>;
  cell: (dependency: number, importance: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const levels = Array.from({ length: scale }, (_, k) => k + 1);
  const head = (axis: Axis, level: number) => (
    <Text size="xs">
      {t(`bia.heatmap.${axis}`, { level })}
      {levelName && (
        <>
          <br />
          {levelName(axis, level)}
        </>
      )}
    </Text>
  );
  // The rows' title sits above the grid, full width: in the corner cell it broke mid-word on a phone.
  return (
    <>
      {axisTitles && (
        <Text size="sm" fw={600} mb={4}>
          {axisTitles.dependency}
        </Text>
      )}
      <table
        style={{
          borderCollapse: 'separate',
          borderSpacing: 4,
          ...(axisTitles ? { width: '100%', tableLayout: 'fixed' } : {}),
        }}
      >
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <thead>
          {axisTitles && (
            <tr>
              <td />
              <th scope="colgroup" colSpan={scale}>
                <Text size="sm" fw={600}>
                  {axisTitles.importance}
                </Text>
              </th>
            </tr>
          )}
          <tr>
            <th scope="col" style={axisTitles ? { width: '22%' } : undefined}>
              <Text size="xs" c="dimmed">
                {withBreaksAfterSlashes(t('bia.heatmap.axes'))}
              </Text>
            </th>
            {levels.map((i) => (
              <th key={i} scope="col">
                {head('importance', i)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...levels].reverse().map((d) => (
            <tr key={d}>
              <th scope="row">{head('dependency', d)}</th>
              {levels.map((i) => (
                <td key={i}>{cell(d, i)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/**
 * "依存度＼重要度" in a narrow corner: headers wrap only between words (global.css), and this one
 * has no space, so on a phone it could break anywhere in it. A break is allowed after each slash,
 * so it wraps there first.
 */
function withBreaksAfterSlashes(text: string): ReactNode {
  let at = 0;
  return text.split(/(?<=[＼\\/／])/u).map((part) => {
    const start = at;
    at += part.length;
    return (
      <Fragment key={start}>
        {start > 0 && <wbr />}
        {part}
      </Fragment>
    );
  });
}
