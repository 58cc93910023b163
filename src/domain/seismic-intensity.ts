/**
 * The Japan Meteorological Agency's seismic intensity scale (気象庁震度階級), as the agency's XML
 * writes it: 1 … 4, 5- (5弱), 5+ (5強), 6- (6弱), 6+ (6強), 7. Intensity 0 is never reported in
 * earthquake information, so it is not on the list. The list is in order, weakest first.
 */
export const SEISMIC_INTENSITIES = ['1', '2', '3', '4', '5-', '5+', '6-', '6+', '7'] as const;
export type SeismicIntensity = (typeof SEISMIC_INTENSITIES)[number];

const RANK = new Map<string, number>(SEISMIC_INTENSITIES.map((s, i) => [s, i]));

export function isSeismicIntensity(value: string): value is SeismicIntensity {
  return RANK.has(value);
}

/**
 * Orders two intensities: negative when `a` is weaker, 0 when equal, positive when stronger.
 * @example compareIntensity('5+', '6-') // < 0
 */
export function compareIntensity(a: SeismicIntensity, b: SeismicIntensity): number {
  return (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0);
}

/** True when `value` is `threshold` or stronger. @example atLeast('5+', '5-') // true */
export function atLeast(value: SeismicIntensity, threshold: SeismicIntensity): boolean {
  return compareIntensity(value, threshold) >= 0;
}

/** The stronger of the given intensities; null for none. */
export function strongest(values: readonly (SeismicIntensity | null)[]): SeismicIntensity | null {
  let best: SeismicIntensity | null = null;
  for (const v of values) if (v && (!best || compareIntensity(v, best) > 0)) best = v;
  return best;
}

const JA: Record<SeismicIntensity, string> = {
  '1': '震度1',
  '2': '震度2',
  '3': '震度3',
  '4': '震度4',
  '5-': '震度5弱',
  '5+': '震度5強',
  '6-': '震度6弱',
  '6+': '震度6強',
  '7': '震度7',
};
const EN: Record<SeismicIntensity, string> = {
  '1': 'intensity 1',
  '2': 'intensity 2',
  '3': 'intensity 3',
  '4': 'intensity 4',
  '5-': 'intensity 5 lower',
  '5+': 'intensity 5 upper',
  '6-': 'intensity 6 lower',
  '6+': 'intensity 6 upper',
  '7': 'intensity 7',
};

/** The words for an intensity in a message. @example intensityLabel('5-', 'ja') // '震度5弱' */
export function intensityLabel(value: SeismicIntensity, lang: 'ja' | 'en'): string {
  return (lang === 'ja' ? JA : EN)[value];
}
