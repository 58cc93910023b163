/**
 * Security checklists (PRODUCT.md module 9): the vocabulary of a checklist file and how its
 * concrete parameters read. Pure: no I/O. The file format is checklist-schemas.ts; the files are
 * content/checklists/*.yaml.
 */

import type { Labels, Locale } from './organization.js';

/**
 * How binding a measure is (004 §4.7): SHALL (遵守事項, a "shall not" is worded as a shall),
 * SHOULD (推奨事項), MAY (許容事項). Listed strictest first.
 */
export const REQUIREMENT_LEVELS = ['SHALL', 'SHOULD', 'MAY'] as const;
export type RequirementLevel = (typeof REQUIREMENT_LEVELS)[number];

/** A level in the words the sheet and the report print. */
export const REQUIREMENT_LEVEL_LABELS: Labels<RequirementLevel> = {
  SHALL: { ja: '必須', en: 'Required' },
  SHOULD: { ja: '推奨', en: 'Recommended' },
  MAY: { ja: '任意', en: 'Optional' },
};

/** What a threat does when a measure is missing (004 §11.1 脅威分類: 情報漏洩 / 情報改ざん / 運用障害). */
export const THREAT_CLASSES = ['leak', 'tamper', 'outage'] as const;

/** Units of a checklist's concrete figures ("≥ 20 characters", "10 failures", "50–100 MB"). */
export const PARAMETER_UNITS = [
  'characters',
  'failures',
  'minutes',
  'days',
  'times-per-month',
  'years',
  'megabytes',
  'terabytes',
  'bits',
  'port',
] as const;
type ParameterUnit = (typeof PARAMETER_UNITS)[number];

/** How a number binds: "at least 12", "at most 2 weeks", "exactly 10". */
export const PARAMETER_BOUNDS = ['at-least', 'at-most', 'exactly'] as const;
type ParameterBound = (typeof PARAMETER_BOUNDS)[number];

export const PROTOCOLS = ['tcp', 'udp', 'tcp-udp'] as const;
type Protocol = (typeof PROTOCOLS)[number];

interface ParameterBase {
  /** Kebab-case, unique within its item: what a screen or a later rule refers to. */
  name: string;
  label: { ja: string; en: string };
}

/** A figure of a measure, typed so that a screen can show it and a rule can compare against it. */
export type ChecklistParameter = ParameterBase &
  (
    | { type: 'number'; value: number; unit: ParameterUnit; bound: ParameterBound }
    | { type: 'range'; min: number; max: number; unit: ParameterUnit; protocol?: Protocol }
    | { type: 'list'; values: number[]; unit: ParameterUnit; protocol?: Protocol }
    /** A name that reads the same in every language: "AES-256", "WPA2-AES", "TLS 1.2". */
    | { type: 'text'; value: string }
  );

const UNIT_WORDS: Record<ParameterUnit, { ja: string; en: (n: number) => string }> = {
  characters: { ja: '文字', en: (n) => (n === 1 ? 'character' : 'characters') },
  failures: { ja: '回', en: (n) => (n === 1 ? 'failed attempt' : 'failed attempts') },
  minutes: { ja: '分', en: (n) => (n === 1 ? 'minute' : 'minutes') },
  days: { ja: '日', en: (n) => (n === 1 ? 'day' : 'days') },
  'times-per-month': { ja: '回/月', en: (n) => (n === 1 ? 'time a month' : 'times a month') },
  years: { ja: '年', en: (n) => (n === 1 ? 'year' : 'years') },
  megabytes: { ja: 'MB', en: () => 'MB' },
  terabytes: { ja: 'TB', en: () => 'TB' },
  bits: { ja: 'ビット', en: () => 'bits' },
  port: { ja: '番', en: () => '' },
};

const BOUND_WORDS: Record<ParameterBound, { ja: string; en: string }> = {
  'at-least': { ja: '以上', en: 'at least' },
  'at-most': { ja: '以下', en: 'at most' },
  exactly: { ja: '', en: '' },
};

const PROTOCOL_WORDS: Record<Protocol, string> = { tcp: 'TCP', udp: 'UDP', 'tcp-udp': 'TCP/UDP' };

const numberText = (n: number, locale: Locale) => n.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US');

function amount(n: number, unit: ParameterUnit, locale: Locale): string {
  const words = UNIT_WORDS[unit];
  if (locale === 'ja') {
    if (unit === 'times-per-month') return `月${numberText(n, locale)}回`;
    if (unit === 'port') return `${n}番`;
    return `${numberText(n, locale)}${words.ja}`;
  }
  if (unit === 'times-per-month' && n === 2) return 'twice a month';
  if (unit === 'port') return `port ${n}`;
  return `${numberText(n, locale)} ${words.en(n)}`;
}

/**
 * A parameter's value as a person reads it, in Japanese or English.
 * @example describeParameter({ name: 'passphrase-length', label, type: 'number', value: 20, unit: 'characters', bound: 'at-least' }, 'en')
 * // 'at least 20 characters' ('20文字以上' in Japanese)
 */
export function describeParameter(p: ChecklistParameter, locale: Locale): string {
  switch (p.type) {
    case 'text':
      return p.value;
    case 'number': {
      const bound = BOUND_WORDS[p.bound][locale];
      const text = amount(p.value, p.unit, locale);
      if (!bound) return text;
      return locale === 'ja' ? `${text}${bound}` : `${bound} ${text}`;
    }
    case 'range': {
      const proto = p.protocol ? `${PROTOCOL_WORDS[p.protocol]} ` : '';
      const sep = locale === 'ja' ? '〜' : '–';
      if (p.unit === 'port')
        return locale === 'ja'
          ? `${proto}${p.min}${sep}${p.max}番`
          : `${proto}ports ${p.min}${sep}${p.max}`.trim();
      const unit = locale === 'ja' ? UNIT_WORDS[p.unit].ja : ` ${UNIT_WORDS[p.unit].en(p.max)}`;
      return `${numberText(p.min, locale)}${sep}${numberText(p.max, locale)}${unit}`;
    }
    case 'list': {
      const proto = p.protocol ? `${PROTOCOL_WORDS[p.protocol]} ` : '';
      const sep = locale === 'ja' ? '、' : ', ';
      if (p.unit === 'port') {
        // Port numbers are names, not amounts: no thousands separator.
        const ports = p.values.join(sep);
        return locale === 'ja'
          ? `${proto}${ports}番`
          : `${proto}${p.values.length === 1 ? 'port' : 'ports'} ${ports}`;
      }
      const values = p.values.map((v) => numberText(v, locale)).join(sep);
      const last = p.values[p.values.length - 1] ?? 0;
      return locale === 'ja'
        ? `${values}${UNIT_WORDS[p.unit].ja}`
        : `${values} ${UNIT_WORDS[p.unit].en(last)}`;
    }
  }
}
