/**
 * Yen amounts as people type them in Japan ("3億", "2,740万", "1.5億", "1億2000万", "¥300,000",
 * "３００万円") and as owners read them ("2,740万円", "1.5億円"). Pure: no I/O.
 *
 * Read: half- or full-width digits and commas, spaces anywhere, an optional ¥ / ￥ in front or 円
 * behind, and the units 万 (10⁴), 億 (10⁸) and 兆 (10¹²) from the largest down, each at most once. A
 * decimal is allowed only where it still gives whole yen ("1.5億" yes, "1.23456万" no: ¥12,345.6).
 * Anything else is refused with a reason, never guessed: "3億円くらい" is not an amount.
 */

const UNITS = { 兆: 1_000_000_000_000n, 億: 100_000_000n, 万: 10_000n } as const;
type Unit = keyof typeof UNITS;
const UNIT_ORDER: readonly Unit[] = ['兆', '億', '万'];

export type YenTextProblem = 'yen_not_a_number' | 'yen_negative' | 'yen_fraction' | 'yen_too_large';

export type YenTextResult = { ok: true; yen: number } | { ok: false; problem: YenTextProblem };

/** Full-width digits, comma, point and minus → half-width; all white space (also U+3000) removed. */
function normalize(input: string): string {
  return input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[，、]/g, ',')
    .replace(/[．]/g, '.')
    .replace(/[－−ー‐]/g, '-')
    .replace(/\s+/g, '');
}

/** A number with optional thousands commas and decimals: "2,740", "1.5", "2740". */
const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** `digits × unit` exactly, or null when that is not whole yen. */
function scaled(digits: string, unit: bigint): bigint | null {
  const [whole = '0', fraction = ''] = digits.replace(/,/g, '').split('.');
  const scale = 10n ** BigInt(fraction.length);
  const value = BigInt(whole + fraction) * unit;
  return value % scale === 0n ? value / scale : null;
}

/**
 * Reads a typed yen amount. `max` defaults to Number.MAX_SAFE_INTEGER (the most a number holds exactly).
 * @example parseYenText('2,740万') // { ok: true, yen: 27_400_000 }
 * @example parseYenText('3億円くらい') // { ok: false, problem: 'yen_not_a_number' }
 */
export function parseYenText(input: string, max: number = Number.MAX_SAFE_INTEGER): YenTextResult {
  let s = normalize(input);
  if (s.startsWith('-')) return { ok: false, problem: 'yen_negative' };
  s = s.replace(/^[¥￥]/, '');
  if (s.startsWith('-')) return { ok: false, problem: 'yen_negative' };
  s = s.replace(/円$/, '');
  if (s === '') return { ok: false, problem: 'yen_not_a_number' };

  let total = 0n;
  let rest = s;
  let fraction = false;
  for (const unit of UNIT_ORDER) {
    const at = rest.indexOf(unit);
    if (at === -1) continue;
    const digits = rest.slice(0, at);
    if (!NUMBER.test(digits)) return { ok: false, problem: 'yen_not_a_number' };
    const part = scaled(digits, UNITS[unit]);
    if (part === null) fraction = true;
    else total += part;
    rest = rest.slice(at + 1);
  }
  if (rest !== '') {
    if (!NUMBER.test(rest)) return { ok: false, problem: 'yen_not_a_number' };
    const part = scaled(rest, 1n);
    if (part === null) fraction = true;
    else total += part;
  }
  if (fraction) return { ok: false, problem: 'yen_fraction' };
  if (total > BigInt(Math.min(max, Number.MAX_SAFE_INTEGER))) return { ok: false, problem: 'yen_too_large' };
  return { ok: true, yen: Number(total) };
}

/** How each language groups large amounts: 万/億/兆 in Japanese, million/billion in English. */
const SHORT_UNITS = {
  ja: [
    { size: UNITS.兆, suffix: '兆' },
    { size: UNITS.億, suffix: '億' },
    { size: UNITS.万, suffix: '万' },
  ],
  en: [
    { size: 1_000_000_000n, suffix: 'B' },
    { size: 1_000_000n, suffix: 'M' },
  ],
} as const;

/**
 * An amount the way an owner reads it: in 億 / 万 (million / billion) with a short decimal when
 * that is exact, else every unit written out (Japanese) or the exact figure (English).
 * @example formatYenShort(27_400_000) // '2,740万円'
 * @example formatYenShort(150_000_000) // '1.5億円'
 * @example formatYenShort(123_456_789) // '1億2,345万6,789円'
 * @example formatYenShort(27_400_000, 'en') // '¥27.4M'
 */
export function formatYenShort(yen: number, lang: 'ja' | 'en' = 'ja'): string {
  if (!Number.isSafeInteger(yen)) return String(yen);
  const sign = yen < 0 ? '-' : '';
  let rest = BigInt(Math.abs(yen));
  const group = (n: bigint) => n.toLocaleString('en-US');
  const wrap = (text: string) => (lang === 'ja' ? `${sign}${text}円` : `${sign}¥${text}`);
  for (const { size, suffix } of SHORT_UNITS[lang]) {
    if (rest < size) continue;
    for (const digits of [0, 1, 2]) {
      const step = size / 10n ** BigInt(digits);
      if (rest % step !== 0n) continue;
      const whole = group(rest / size);
      const frac = ((rest % size) / step).toString().padStart(digits, '0');
      return wrap(`${digits === 0 ? whole : `${whole}.${frac}`}${suffix}`);
    }
  }
  if (lang === 'en') return wrap(group(rest));
  const parts: string[] = [];
  for (const { size, suffix } of SHORT_UNITS.ja) {
    if (rest < size) continue;
    parts.push(`${group(rest / size)}${suffix}`);
    rest %= size;
  }
  if (rest > 0n || parts.length === 0) parts.push(group(rest));
  return wrap(parts.join(''));
}

/**
 * The exact figure with commas, as typed back into a field: 27400000 → "27,400,000".
 * @example formatYenExact(27_400_000) // '27,400,000'
 */
export function formatYenExact(yen: number): string {
  return yen.toLocaleString('en-US', { maximumFractionDigits: 0 });
}
