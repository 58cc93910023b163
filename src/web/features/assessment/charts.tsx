import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Charts of the assessment drawn as plain SVG (the web app has no chart library: the BIA heat map is
 * a grid and the dependency graph uses cytoscape). Each has a text alternative for screen readers.
 */

/** Open actions over time: one line from the first action to today. */
export function BurndownChart({ points }: { points: { date: string; open: number }[] }) {
  const { t } = useTranslation();
  if (points.length === 0) return null;
  const w = 320;
  const h = 140;
  const pad = 28;
  const max = Math.max(1, ...points.map((p) => p.open));
  const x = (i: number) => pad + (points.length === 1 ? 0 : (i * (w - pad * 2)) / (points.length - 1));
  const y = (v: number) => h - pad - (v * (h - pad * 2)) / max;
  const line = points.map((p, i) => `${x(i)},${y(p.open)}`).join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  const summary = t('assessment.burndownAlt', {
    from: first?.date ?? '',
    to: last?.date ?? '',
    first: first?.open ?? 0,
    last: last?.open ?? 0,
  });
  return (
    <Box maw={480}>
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" role="img" aria-label={summary}>
        <line x1={pad} y1={h - pad} x2={w - pad} y2={h - pad} stroke="#868e96" />
        <line x1={pad} y1={pad} x2={pad} y2={h - pad} stroke="#868e96" />
        <text x={pad - 6} y={y(max) + 4} fontSize="10" textAnchor="end">
          {max}
        </text>
        <text x={pad - 6} y={h - pad + 4} fontSize="10" textAnchor="end">
          {0}
        </text>
        <polyline points={line} fill="none" stroke="#1c7ed6" strokeWidth="2" />
        {points.length === 1 && <circle cx={x(0)} cy={y(points[0]?.open ?? 0)} r="3" fill="#1c7ed6" />}
        <text x={pad} y={h - 8} fontSize="10">
          {first?.date}
        </text>
        <text x={w - pad} y={h - 8} fontSize="10" textAnchor="end">
          {last?.date}
        </text>
      </svg>
      <Text size="sm" c="dimmed">
        {summary}
      </Text>
    </Box>
  );
}

/** Implemented % per category on one axis each; a second polygon for the assessment compared. */
export function RadarChart({
  axes,
  label,
}: {
  axes: { name: string; value: number | null; compare?: number | null | undefined }[];
  label: string;
}) {
  if (axes.length < 3) return null;
  const size = 300;
  const c = size / 2;
  const r = c - 60;
  const at = (i: number, v: number) => {
    const angle = (Math.PI * 2 * i) / axes.length - Math.PI / 2;
    return [c + Math.cos(angle) * r * (v / 100), c + Math.sin(angle) * r * (v / 100)] as const;
  };
  const polygon = (values: (number | null | undefined)[]) =>
    values.map((v, i) => at(i, v ?? 0).join(',')).join(' ');
  const hasCompare = axes.some((a) => a.compare !== undefined);
  return (
    <Box maw={420}>
      <svg viewBox={`0 0 ${size} ${size}`} width="100%" role="img" aria-label={label}>
        {[25, 50, 75, 100].map((ring) => (
          <polygon key={ring} points={polygon(axes.map(() => ring))} fill="none" stroke="#dee2e6" />
        ))}
        {axes.map((a, i) => {
          const [x2, y2] = at(i, 100);
          const [lx, ly] = at(i, 122);
          return (
            <g key={a.name}>
              <line x1={c} y1={c} x2={x2} y2={y2} stroke="#dee2e6" />
              <text x={lx} y={ly} fontSize="9" textAnchor="middle">
                {a.name.length > 12 ? `${a.name.slice(0, 12)}…` : a.name}
              </text>
            </g>
          );
        })}
        {hasCompare && (
          <polygon
            points={polygon(axes.map((a) => a.compare))}
            fill="rgba(134,142,150,0.15)"
            stroke="#868e96"
            strokeDasharray="4 3"
          />
        )}
        <polygon
          points={polygon(axes.map((a) => a.value))}
          fill="rgba(28,126,214,0.25)"
          stroke="#1c7ed6"
          strokeWidth="2"
        />
      </svg>
    </Box>
  );
}
