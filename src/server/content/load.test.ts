import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contentFailure as failure } from '../test/content.js';
import { formatPath, loadContentFile, parseContent } from './load.js';
import { LocalizedTextSchema } from './text.js';

const Schema = z.strictObject({
  title: LocalizedTextSchema,
  items: z.array(
    z.strictObject({
      key: z.string().min(1),
      email: z.email(),
      count: z.number().int().min(0),
    }),
  ),
});

const GOOD = `title:
  ja: 見出し
  en: Title
items:
  - key: a
    email: a@example.jp
    count: 1
  - key: b
    email: b@example.jp
    count: 2
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keizoku-content-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('content loader', () => {
  it('returns the validated data of a good file', () => {
    const data = loadContentFile(write('good.yaml', GOOD), Schema);
    expect(data.title.ja).toBe('見出し');
    expect(data.items.map((i) => i.key)).toEqual(['a', 'b']);
  });

  it('names file, line and field of an invalid value', () => {
    const file = write('bad-email.yaml', GOOD.replace('b@example.jp', 'not-an-email'));
    const err = failure(() => loadContentFile(file, Schema));
    expect(err.file).toContain('bad-email.yaml');
    expect(err.field).toBe('items[1].email');
    expect(err.line).toBe(9);
    expect(err.message).toMatch(/bad-email\.yaml:9:\d+ items\[1\]\.email: /);
  });

  it('points a missing field at the object that lacks it', () => {
    const err = failure(() => parseContent(GOOD.replace('  en: Title\n', ''), 'x.yaml', Schema));
    expect(err.field).toBe('title.en');
    expect(err.line).toBe(1);
  });

  it('points an unknown field at the key itself', () => {
    const text = GOOD.replace('    count: 2\n', '    count: 2\n    cuont: 3\n');
    const err = failure(() => parseContent(text, 'x.yaml', Schema));
    expect(err.field).toBe('items[1].cuont');
    expect(err.line).toBe(11);
  });

  it('reports a wrong type at its line', () => {
    const err = failure(() => parseContent(GOOD.replace('count: 1', 'count: many'), 'x.yaml', Schema));
    expect(err.field).toBe('items[0].count');
    expect(err.line).toBe(7);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    const broken = failure(() => parseContent('title:\n  ja: a\n  en: [b\nitems: []\n', 'y.yaml', Schema));
    expect(broken.file).toBe('y.yaml');
    expect(broken.line).not.toBeNull();
    const dup = failure(() =>
      parseContent('title:\n  ja: a\n  ja: b\n  en: c\nitems: []\n', 'y.yaml', Schema),
    );
    expect(dup.line).toBe(3);
  });

  it('names an unreadable file', () => {
    const err = failure(() => loadContentFile(path.join(dir, 'missing.yaml'), Schema));
    expect(err.message).toContain('missing.yaml');
    expect(err.message).toContain('ENOENT');
  });

  it('formats paths like a reader writes them', () => {
    expect(formatPath(['people', 3, 'name', 'ja'])).toBe('people[3].name.ja');
    expect(formatPath([])).toBe('');
  });
});
