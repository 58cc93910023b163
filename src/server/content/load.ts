import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { errnoCode } from '../errno.js';

/**
 * A content file that cannot be used: names the file, the line (1-based) and the field path, so
 * whoever edits the YAML can go straight to the mistake.
 * @example content/demo/demo-org.yaml:42:7 people[3].email: Invalid email address
 */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string,
    readonly column: number | null = null,
  ) {
    const where = line === null ? file : `${file}:${line}${column === null ? '' : `:${column}`}`;
    super(`${where} ${field ? `${field}: ` : ''}${reason}`);
    this.name = 'ContentError';
  }
}

/** 'people[3].email' from ['people', 3, 'email']. */
export function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of p) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/**
 * The node at a path, or the deepest existing node on the way there (for a missing field, the
 * object that should hold it). A map entry is located at its key, where the reader looks first.
 */
function locate(root: unknown, p: readonly PropertyKey[]): Node | null {
  let node: unknown = root;
  let found: Node | null = isMap(root) || isSeq(root) || isScalar(root) ? (root as Node) : null;
  for (const seg of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isScalar(it.key) && String(it.key.value) === String(seg));
      if (!pair) break;
      if (isScalar(pair.key)) found = pair.key;
      node = pair.value;
      if (!(isMap(node) || isSeq(node))) break;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (!item) break;
      if (isMap(item) || isSeq(item) || isScalar(item)) found = item as Node;
      node = item;
    } else break;
  }
  return found;
}

/** Parse and validate YAML text; `file` is only used to name the source in errors. */
export function parseContent<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lineCounter.linePos(syntax.pos[0]);
    throw new ContentError(file, pos.line, null, syntax.message.split('\n')[0] ?? syntax.code, pos.col);
  }
  const result = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  if (!issue) throw new ContentError(file, null, null, 'invalid');
  let issuePath: PropertyKey[] = [...issue.path];
  // An unknown key is shown at the key itself, not at the object holding it.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined)
    issuePath = [...issuePath, issue.keys[0]];
  const node = locate(doc.contents, issuePath);
  const offset = node?.range?.[0];
  const pos = offset === undefined ? null : lineCounter.linePos(offset);
  throw new ContentError(
    file,
    pos?.line ?? null,
    formatPath(issuePath) || null,
    issue.message,
    pos?.col ?? null,
  );
}

/**
 * A ContentError at a field of a file that parsed but breaks a rule no single file can check (a
 * duplicate id across files, a reference into another file): it names the field's line.
 * @example throw contentErrorAt(text, 'content/checklists/b.yaml', ['id'], 'checklist id already used by a.yaml')
 */
export function contentErrorAt(
  text: string,
  file: string,
  fieldPath: readonly PropertyKey[],
  reason: string,
): ContentError {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const offset = locate(doc.contents, fieldPath)?.range?.[0];
  const pos = offset === undefined ? null : lineCounter.linePos(offset);
  return new ContentError(file, pos?.line ?? null, formatPath(fieldPath) || null, reason, pos?.col ?? null);
}

/** Read a YAML content file and validate it against its schema; throws ContentError. */
export function loadContentFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  const { shown, text } = readContentText(file);
  return parseContent(text, shown, schema);
}

/** A content file's text, and its path as errors show it (relative to the working directory); throws ContentError. */
export function readContentText(file: string): { shown: string; text: string } {
  const shown = path.relative(process.cwd(), file) || file;
  try {
    return { shown, text: fs.readFileSync(file, 'utf8') };
  } catch (err) {
    throw new ContentError(shown, null, null, `cannot read (${errnoCode(err) ?? 'error'})`);
  }
}

/** The repository's content/ folder: src/server/content and dist/server/content are both three levels below the root. */
const CONTENT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../content');

/** A file or folder of content/ by its relative path: contentPath('checklists'). */
export const contentPath = (relative: string): string => path.join(CONTENT_ROOT, relative);

/**
 * A content file read on first use, once per process, and validated against its schema.
 * @example const presets = contentFile('bia/presets.yaml', BiaPresetsContentSchema); presets().matrices
 */
export function contentFile<S extends z.ZodType>(file: string, schema: S): () => z.output<S> {
  let value: z.output<S> | undefined;
  return () => {
    value ??= loadContentFile(contentPath(file), schema);
    return value;
  };
}
