import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMPLOYMENT_STATUSES, SITE_KINDS } from '../../../domain/organization.js';
import { IMPORT_FAILURES } from '../../../shared/import-jobs.js';
import { PEOPLE_FILE_COLUMNS } from '../../../shared/people.js';
import en from '../../i18n/locales/en.json' with { type: 'json' };
import auditEn from '../../i18n/locales/features/audit.en.json' with { type: 'json' };
import auditJa from '../../i18n/locales/features/audit.ja.json' with { type: 'json' };
import peopleEn from '../../i18n/locales/features/people.en.json' with { type: 'json' };
import peopleJa from '../../i18n/locales/features/people.ja.json' with { type: 'json' };
import structureEn from '../../i18n/locales/features/structure.en.json' with { type: 'json' };
import structureJa from '../../i18n/locales/features/structure.ja.json' with { type: 'json' };
import ja from '../../i18n/locales/ja.json' with { type: 'json' };

/**
 * The people, structure and audit screens keep their texts in locales/features/*.json (merged into
 * each language by i18n/index.ts). This checks those files the way i18n.test.ts checks ja/en.json.
 */
type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(full, value);
    else flatten(value, full, out);
  }
  return out;
}

/** Plural forms (key_one, key_other) count as `key`; Japanese has no plural forms. */
const PLURAL = /_(zero|one|two|few|many|other)$/;
function base(map: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of map) out.set(k.replace(PLURAL, ''), `${out.get(k.replace(PLURAL, '')) ?? ''}${v}`);
  return out;
}
const features = {
  ja: base(flatten({ ...(peopleJa as Tree), ...(structureJa as Tree), ...(auditJa as Tree) })),
  en: base(flatten({ ...(peopleEn as Tree), ...(structureEn as Tree), ...(auditEn as Tree) })),
};
const all = {
  ja: new Set([...base(flatten(ja as Tree)).keys(), ...features.ja.keys()]),
  en: new Set([...base(flatten(en as Tree)).keys(), ...features.en.keys()]),
};

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs = ['people', 'structure', 'audit'].map((d) => path.resolve(here, '..', d));
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir)) {
      if (!/\.tsx?$/.test(name) || /\.test\./.test(name)) continue;
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([^'$`]+)'/g)) if (m[1]) used.set(m[1], name);
    }
  }
  return used;
}

/** The variables a text uses, without `count` (a plural form may say "1" in words). */
const vars = (s: string) =>
  [...new Set([...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).filter((v) => v !== 'count'))]
    .sort()
    .join();

describe('people, structure and audit translations', () => {
  it('each file has only its own top-level key', () => {
    expect(Object.keys(peopleJa)).toEqual(['people']);
    expect(Object.keys(structureEn)).toEqual(['structure']);
    expect(Object.keys(auditJa)).toEqual(['audit']);
  });

  it('have the same keys, no empty texts and the same variables in ja and en', () => {
    expect([...features.ja.keys()].sort()).toEqual([...features.en.keys()].sort());
    for (const [key, value] of features.ja) {
      expect(value.trim(), key).not.toBe('');
      expect(vars(value), key).toBe(vars(features.en.get(key) ?? ''));
    }
  });

  it('cover every literal key used by the three screens', () => {
    const missing = [...usedKeys()].filter(([k]) => !all.ja.has(k) || !all.en.has(k));
    expect(missing).toEqual([]);
  });

  it('cover the keys built from codes (statuses, site kinds, import columns)', () => {
    const keys = [
      ...EMPLOYMENT_STATUSES.map((s) => `people.status.${s}`),
      ...SITE_KINDS.map((k) => `structure.kinds.${k}`),
      ...PEOPLE_FILE_COLUMNS.map((c) => `people.importPage.columns.${c.field}`),
      ...['required', 'too_long', 'invalid_kana', 'invalid_email', 'invalid_phone'].map(
        (c) => `people.issues.${c}`,
      ),
      ...['unknown_site', 'unknown_department', 'unknown_prefecture', 'unknown_employment_status'].map(
        (c) => `people.issues.${c}`,
      ),
      'people.issues.duplicate_in_file',
      'people.issues.column_count',
      ...IMPORT_FAILURES.map((c) => `issues.${c}`),
      ...['hash_mismatch', 'prev_hash_mismatch', 'missing_entry', 'head_mismatch'].map(
        (r) => `audit.breakReasons.${r}`,
      ),
    ];
    for (const lang of ['ja', 'en'] as const) {
      expect({ lang, missing: keys.filter((k) => !all[lang].has(k)) }).toEqual({ lang, missing: [] });
    }
  });
});
