import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/organization.js';
import { HOME_FINDING_CODES } from '../../shared/home.js';
import { INVITATION_STATUSES } from '../../shared/orgs.js';
import { ERROR_CODES } from '../../shared/problem.js';
import en from './locales/en.json' with { type: 'json' };
import ja from './locales/ja.json' with { type: 'json' };

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..');
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** The app's main files plus every feature file (locales/features/<feature>.<lang>.json). */
function mergedLocale(main: Tree, lang: 'ja' | 'en'): Map<string, string> {
  const merged = flatten(main);
  const dir = path.join(here, 'locales/features');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(`.${lang}.json`))) {
    const tree = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Tree;
    for (const [k, v] of flatten(tree)) merged.set(k, v);
  }
  return merged;
}

const locales = { ja: mergedLocale(ja as Tree, 'ja'), en: mergedLocale(en as Tree, 'en') };
/** Keys as code asks for them: plural forms (key_one, key_other) count as `key`. */
const baseKeys = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));
const available = { ja: baseKeys(locales.ja), en: baseKeys(locales.en) };

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every literal key the web sources pass to t(…) or i18nKey="…". */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  const patterns = [/\bt\(\s*'([^'$`]+)'/g, /\bt\(\s*"([^"$`]+)"/g, /i18nKey="([^"]+)"/g];
  for (const file of sourceFiles(webRoot)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) if (m[1]) used.set(m[1], path.relative(webRoot, file));
    }
  }
  return used;
}

const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

/** Field issue codes the server may send (zod's, plus the ones our schemas and rules add). */
const ISSUE_CODES = [
  'required',
  'invalid',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'too_small',
  'too_big',
  'not_multiple_of',
  'unrecognized_keys',
  'custom',
  'password_too_short',
  'password_too_long',
  'password_too_common',
  'password_same_as_email',
  'timezone_invalid',
];

describe('translations', () => {
  it('have the same keys in Japanese and English', () => {
    const onlyJa = [...available.ja].filter((k) => !available.en.has(k));
    const onlyEn = [...available.en].filter((k) => !available.ja.has(k));
    expect({ missingInEn: onlyJa, missingInJa: onlyEn }).toEqual({ missingInEn: [], missingInJa: [] });
  });

  it('have no empty texts', () => {
    for (const [lang, map] of Object.entries(locales)) {
      const empty = [...map].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same {{variables}} in both languages', () => {
    const mismatched: string[] = [];
    for (const key of available.ja) {
      const jaVars = new Set(
        [...locales.ja].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, v]) => variables(v)),
      );
      const enVars = new Set(
        [...locales.en].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, v]) => variables(v)),
      );
      // `count` may be implied by a plural form's wording, so it is not required in every form.
      jaVars.delete('count');
      enVars.delete('count');
      if ([...jaVars].sort().join() !== [...enVars].sort().join()) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });

  it('cover every key the web app uses', () => {
    const used = usedKeys();
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used]
      .filter(([key]) => !available.ja.has(key) || !available.en.has(key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('translate every server error code', () => {
    const codes = [...ERROR_CODES, 'network_error', 'unknown_error'];
    for (const lang of ['ja', 'en'] as const) {
      const missing = codes.filter((c) => !available[lang].has(`errors.${c}`));
      expect({ lang, missing }).toEqual({ lang, missing: [] });
    }
  });

  it('translate every field issue code, role, invitation status and home finding', () => {
    const keys = [
      ...ISSUE_CODES.map((c) => `issues.${c}`),
      ...ROLES.flatMap((r) => [`roles.${r}`, `roleHints.${r}`]),
      ...INVITATION_STATUSES.map((s) => `invitationStatus.${s}`),
      ...HOME_FINDING_CODES.flatMap((c) => ['text', 'todo', 'action'].map((p) => `home.findings.${c}.${p}`)),
    ];
    for (const lang of ['ja', 'en'] as const) {
      const missing = keys.filter((k) => !available[lang].has(k));
      expect({ lang, missing }).toEqual({ lang, missing: [] });
    }
  });

  it('give too_small its minimum', () => {
    expect(locales.ja.get('issues.too_small')).toContain('{{minimum}}');
    expect(locales.en.get('issues.too_small')).toContain('{{minimum}}');
  });
});
