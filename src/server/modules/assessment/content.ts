import fs from 'node:fs';
import path from 'node:path';
import { type Checklist, ChecklistFileSchema } from '../../../domain/checklist-schemas.js';
import {
  ContentError,
  contentErrorAt,
  contentPath,
  parseContent,
  readContentText,
} from '../../content/load.js';
import { errnoCode } from '../../errno.js';

/** content/checklists: every *.yaml file in it is a checklist (PRODUCT.md principle 5). */
const CHECKLISTS_DIR = contentPath('checklists');

const isChecklistFile = (name: string) => /\.ya?ml$/.test(name) && !name.startsWith('.');

/**
 * Every checklist of a folder, in file-name order, validated one by one (ChecklistFileSchema) and
 * then together: checklist ids are unique, and a `related` entry "checklist-id/item-id" names an
 * existing item of another checklist. Adding a checklist is adding a file. Throws ContentError
 * naming the file, line and field of the first problem.
 * @example loadChecklistFolder('content/checklists').map((c) => c.id) // ['factory-entry-points', 'five-rules', …]
 */
export function loadChecklistFolder(dir: string): Checklist[] {
  const shownDir = path.relative(process.cwd(), dir) || dir;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(isChecklistFile).sort();
  } catch (err) {
    throw new ContentError(shownDir, null, null, `cannot read the folder (${errnoCode(err) ?? 'error'})`);
  }
  if (names.length === 0) throw new ContentError(shownDir, null, null, 'no checklist files (*.yaml)');

  const files = names.map((name) => {
    const { shown, text } = readContentText(path.join(dir, name));
    return { shown, text, checklist: parseContent(text, shown, ChecklistFileSchema) };
  });

  const byId = new Map<string, { shown: string; checklist: Checklist }>();
  for (const f of files) {
    const earlier = byId.get(f.checklist.id);
    if (earlier)
      throw contentErrorAt(
        f.text,
        f.shown,
        ['id'],
        `checklist id "${f.checklist.id}" is already used by ${earlier.shown}`,
      );
    byId.set(f.checklist.id, f);
  }
  for (const f of files) {
    f.checklist.items.forEach((item, i) => {
      (item.related ?? []).forEach((ref, j) => {
        const slash = ref.indexOf('/');
        if (slash < 0) return; // within the file: ChecklistFileSchema checked it
        const other = byId.get(ref.slice(0, slash))?.checklist;
        const itemId = ref.slice(slash + 1);
        if (!other?.items.some((x) => x.id === itemId))
          throw contentErrorAt(
            f.text,
            f.shown,
            ['items', i, 'related', j],
            other
              ? `unknown item "${itemId}" in checklist "${other.id}"`
              : `unknown checklist "${ref.slice(0, slash)}"`,
          );
      });
    });
  }
  return files.map((f) => f.checklist);
}

let shipped: Checklist[] | undefined;

/**
 * The checklists of content/checklists, read once per process. `keizoku serve` calls it before it
 * opens the database, so a broken file stops the start with its file, line and field.
 */
export function securityChecklists(): Checklist[] {
  shipped ??= loadChecklistFolder(CHECKLISTS_DIR);
  return shipped;
}
