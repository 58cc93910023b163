import { describe, expect, it } from 'vitest';
import inventoryEn from '../i18n/locales/features/inventory.en.json' with { type: 'json' };
import inventoryJa from '../i18n/locales/features/inventory.ja.json' with { type: 'json' };
import peopleEn from '../i18n/locales/features/people.en.json' with { type: 'json' };
import peopleJa from '../i18n/locales/features/people.ja.json' with { type: 'json' };
import structureEn from '../i18n/locales/features/structure.en.json' with { type: 'json' };
import structureJa from '../i18n/locales/features/structure.ja.json' with { type: 'json' };
import { CONFLICT_KEYS, conflictWords, LIST_KEYS, listWords, ROW_KEYS, rowWords } from './feature-words.js';
import { englishT } from './test-i18n.js';

const t = await englishT(peopleEn, inventoryEn, structureEn);

type Tree = { [key: string]: string | Tree };
const text = (tree: object, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Tree | undefined)?.[key], tree);

describe('feature words', () => {
  const files = {
    people: [peopleJa, peopleEn],
    inventory: [inventoryJa, inventoryEn],
    structure: [structureJa, structureEn],
  };

  it('exist in every register feature, in Japanese and English', () => {
    const missing: string[] = [];
    for (const [feature, langs] of Object.entries(files)) {
      const keys = [...ROW_KEYS, ...CONFLICT_KEYS, ...(feature === 'structure' ? [] : LIST_KEYS)]
        .map((k) => `${feature}.${k}`)
        // Structure says archiving a site and a department differently.
        .flatMap((k) => (k === 'structure.archiveConfirm' ? [`${k}.site`, `${k}.department`] : [k]));
      if (feature !== 'structure') keys.push(`${feature}.reloadedHint`);
      for (const file of langs) {
        for (const key of keys) {
          // English counts have plural forms (shown_one, shown_other).
          const found = [key, `${key}_other`].some((k) => typeof text(file, k) === 'string');
          if (!found) missing.push(key);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('name the row in the button and the dialog, and switch for an archived row', () => {
    const words = rowWords(t, 'people');
    expect(words.edit({ name: 'Aoi', archivedAt: null })).toEqual({ tooltip: 'Edit', label: 'Edit Aoi' });
    expect(words.archive({ name: 'Aoi', archivedAt: null })).toEqual({
      tooltip: 'Archive',
      label: 'Archive Aoi',
    });
    expect(words.archive({ name: 'Aoi', archivedAt: '2025-01-01' }).label).toBe(
      'Restore Aoi to the directory',
    );
    expect(words.dialog({ name: 'Aoi', archivedAt: null })).toMatchObject({
      title: 'Archive this person?',
      confirm: 'Archive',
    });
    expect(words.dialog({ name: 'Aoi', archivedAt: '2025-01-01' }).confirm).toBe('Restore');
  });

  it('take the sentence for the kind of row where it differs', () => {
    const words = rowWords(t, 'structure', 'structure.archiveConfirm.site');
    expect(words.dialog({ name: 'Osaka', archivedAt: null }).body).toContain('site “Osaka”');
  });

  it('say a conflict, with the note after reloading only where the form has one', () => {
    expect(conflictWords(t, 'inventory')).toEqual({
      conflict: expect.stringContaining('Someone else saved this item'),
      reloadKeep: 'Load the latest version (keep my typing)',
      reloaded: expect.stringContaining('The latest version is loaded'),
    });
    expect(conflictWords(t, 'structure', { withReloaded: false })).not.toHaveProperty('reloaded');
  });

  it('count the rows shown, saying when there are more', () => {
    const words = listWords(t, 'inventory');
    expect(words.shown(1, false)).toBe('1 item shown');
    expect(words.shown(50, true)).toBe('50 items shown (more below)');
    expect(listWords(t, 'people').search).toBe('Search');
  });
});
