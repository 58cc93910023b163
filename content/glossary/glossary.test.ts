import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GlossaryContentSchema } from '../../src/domain/content-schemas.js';
import { loadContentFile } from '../../src/server/content/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const LOCALES = path.resolve(here, '../../src/web/i18n/locales');
const glossary = loadContentFile(path.join(here, 'terms.yaml'), GlossaryContentSchema);

type Tree = { [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] => {
    const full = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[full, value]] : flatten(value, full);
  });
}

/** Every UI text of a language: `<file> <key>` → text, from every locale file (main and features). */
function uiTexts(lang: 'ja' | 'en'): [string, string][] {
  const files = [path.join(LOCALES, `${lang}.json`)];
  const features = path.join(LOCALES, 'features');
  for (const f of fs.readdirSync(features))
    if (f.endsWith(`.${lang}.json`)) files.push(path.join(features, f));
  return files.flatMap((file) =>
    flatten(JSON.parse(fs.readFileSync(file, 'utf8')) as Tree).map(([key, text]): [string, string] => [
      `${path.relative(LOCALES, file)} ${key}`,
      text,
    ]),
  );
}

/** Every { ja, en } text of the other content files (demo, BIA, damage, diagnosis): the screens show them too. */
function contentTexts(lang: 'ja' | 'en'): [string, string][] {
  const root = path.resolve(here, '..');
  const out: [string, string][] = [];
  const walk = (node: unknown, where: string) => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${where}[${i}]`);
    } else if (node && typeof node === 'object') {
      const text = (node as Record<string, unknown>)[lang];
      if (typeof text === 'string') out.push([where, text]);
      for (const [key, value] of Object.entries(node)) walk(value, where ? `${where}.${key}` : key);
    }
  };
  for (const dir of fs.readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory() || dir.name === 'glossary') continue;
    for (const f of fs.readdirSync(path.join(root, dir.name)).filter((n) => n.endsWith('.yaml')))
      walk(parse(fs.readFileSync(path.join(root, dir.name, f), 'utf8')), `${dir.name}/${f} `);
  }
  return out;
}

/**
 * The other spellings of a term found in a text. The term itself is taken out first, so a
 * variant that is part of it ("impact analysis" in "business impact analysis") is not counted.
 */
function variantsIn(text: string, term: string, variants: readonly string[], lang: 'ja' | 'en'): string[] {
  const fold = (s: string) => (lang === 'en' ? s.toLowerCase() : s);
  const rest = fold(text).split(fold(term)).join('\u0000');
  return variants.filter((v) => rest.includes(fold(v)));
}

describe('glossary', () => {
  it('lists each term once per language', () => {
    for (const lang of ['ja', 'en'] as const) {
      const terms = glossary.terms.map((t) => t.term[lang]);
      expect(terms.filter((t, i) => terms.indexOf(t) !== i)).toEqual([]);
    }
  });

  // It reads and parses every locale and content file: give it room on a busy machine.
  it('is the only spelling of its terms in the UI texts and the content files', { timeout: 30_000 }, () => {
    const found: string[] = [];
    for (const lang of ['ja', 'en'] as const) {
      const texts = [...uiTexts(lang), ...contentTexts(lang)];
      for (const entry of glossary.terms) {
        const variants = entry.variants?.[lang] ?? [];
        if (variants.length === 0) continue;
        for (const [where, text] of texts) {
          for (const v of variantsIn(text, entry.term[lang], variants, lang))
            found.push(`${where}: "${v}" → "${entry.term[lang]}"`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('finds a variant but not the term that contains it', () => {
    expect(
      variantsIn('Business impact analysis (BIA)', 'business impact analysis', ['impact analysis'], 'en'),
    ).toEqual([]);
    expect(
      variantsIn('Impact analysis (BIA)', 'business impact analysis', ['impact analysis'], 'en'),
    ).toEqual(['impact analysis']);
    expect(variantsIn('レイヤは1〜5', 'レイヤー', ['レイヤ'], 'ja')).toEqual(['レイヤ']);
    expect(variantsIn('レイヤーは1〜5', 'レイヤー', ['レイヤ'], 'ja')).toEqual([]);
  });
});
