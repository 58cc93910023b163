import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createItem } from './test/factories.js';
import { concreteUrl, createOrgWithUser, withOwnerApp } from './test/harness.js';

/**
 * Walks EVERY text field of EVERY registered API route (body, query string and path parameters,
 * nested fields included) and proves that none accepts NUL, ANSI escapes, C1 controls, bidi
 * overrides or lone surrogates, and that no one-line field accepts zero-width characters. A new
 * route or field is covered without being listed here: it is found through the route registry.
 */

/** Passwords are hashed, never shown or stored as text, and may be any characters. */
const EXEMPT = new Set(['password', 'currentPassword', 'newPassword']);

const NEVER = {
  NUL: '\u0000',
  ESC: '\u001b[31m',
  C1: '\u009b31m',
  RLO: '\u202e',
  LRI: '\u2066',
  lone_surrogate: '\ud800',
};
const NOT_IN_ONE_LINE = { ZWSP: '\u200b', WJ: '\u2060', BOM: '\ufeff' };

interface Leaf {
  path: (string | number)[];
  schema: z.ZodType;
  /** A path through a union (its body cannot be built from the path alone). */
  viaUnion: boolean;
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

function stringLeaves(schema: unknown, path: (string | number)[] = [], viaUnion = false): Leaf[] {
  const def = defOf(schema);
  const inner = (s: unknown, p = path, u = viaUnion) => stringLeaves(s, p, u);
  switch (def.type) {
    case 'string':
      return [{ path, schema: schema as z.ZodType, viaUnion }];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => inner(v, [...path, k]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return inner(def.innerType);
    case 'array':
      return inner(def.element, [...path, 0]);
    case 'union':
      return (def.options as unknown[]).flatMap((o) => inner(o, path, true));
    case 'record':
      return [...inner(def.keyType, [...path, '*'], true), ...inner(def.valueType, [...path, '*'], true)];
    case 'pipe':
      return inner(def.in);
    case 'intersection':
      return [...inner(def.left), ...inner(def.right)];
    default:
      return [];
  }
}

interface Field {
  route: string;
  part: 'body' | 'querystring' | 'params';
  leaf: Leaf;
}

function everyTextField(): Field[] {
  const fields: Field[] = [];
  for (const r of t.app.registeredRoutes)
    for (const part of ['body', 'querystring', 'params'] as const) {
      const schema = r.schemas[part];
      if (!schema) continue;
      for (const leaf of stringLeaves(schema))
        if (!leaf.path.some((p) => EXEMPT.has(String(p))))
          fields.push({ route: `${r.method} ${r.url}`, part, leaf });
    }
  return fields;
}

const t = withOwnerApp();

describe('every text field refuses invisible and control characters', () => {
  it('finds the text fields of the routes (the walk itself works)', () => {
    const fields = everyTextField();
    expect(fields.length).toBeGreaterThan(100);
    const names = new Set(fields.map((f) => `${f.route} ${f.part} ${f.leaf.path.join('.')}`));
    expect(names).toContain('POST /api/v1/people body name');
    expect(names).toContain('POST /api/v1/diagnosis/tasks body items.0.title');
    expect(names).toContain('GET /api/v1/people querystring q');
  });

  it('no schema accepts NUL, ANSI escapes, C1, bidi overrides or lone surrogates; one-line text no zero-width', () => {
    const accepted: string[] = [];
    const untranslated: string[] = [];
    for (const { route, part, leaf } of everyTextField()) {
      const where = `${route} ${part} ${leaf.path.join('.')}`;
      const plain = leaf.schema.safeParse('abcd').success;
      const oneLine = !leaf.schema.safeParse('ab\ncd').success;
      const bad = { ...NEVER, ...(oneLine ? NOT_IN_ONE_LINE : {}) };
      for (const [name, ch] of Object.entries(bad)) {
        const r = leaf.schema.safeParse(`ab${ch}cd`);
        if (r.success) accepted.push(`${where}: ${name}`);
        // A field that takes plain words must say what is wrong in words the web app translates.
        else if (plain && !r.error.issues.some((i) => i.message === 'text_invisible_character'))
          untranslated.push(`${where}: ${name} → ${r.error.issues.map((i) => i.code).join(',')}`);
      }
    }
    expect(accepted).toEqual([]);
    expect(untranslated).toEqual([]);
  });

  it('no answer applies the input rules, so text stored before a rule existed still reads', () => {
    const strict: string[] = [];
    for (const r of t.app.registeredRoutes)
      for (const [status, schema] of Object.entries(r.schemas.response ?? {}))
        for (const leaf of stringLeaves(schema))
          if (leaf.schema.safeParse('abcd').success && !leaf.schema.safeParse('ab\u202e\u0000cd').success)
            strict.push(`${r.method} ${r.url} ${status} ${leaf.path.join('.')}`);
    expect(strict).toEqual([]);
  });

  it('over HTTP, every field answers 400 with a translated issue on its own path (NUL and U+202E)', async () => {
    const wrong: string[] = [];
    for (const { route, part, leaf } of everyTextField()) {
      if (leaf.viaUnion) continue;
      const [method, url] = route.split(' ') as [string, string];
      for (const ch of [NEVER.NUL, NEVER.RLO]) {
        const value = `ab${ch}cd`;
        const params: Record<string, string> = {};
        let query = '';
        let body: unknown;
        if (part === 'params') params[String(leaf.path[0])] = value;
        if (part === 'querystring') query = `?${String(leaf.path[0])}=${encodeURIComponent(value)}`;
        if (part === 'body') body = bodyWith(leaf.path, value);
        const path = concreteUrl(url, params);
        const res = await t.owner.client.request(
          method as 'POST',
          `${path}${query}`,
          body === undefined && method !== 'GET' && method !== 'DELETE' ? {} : (body as object),
          { 'if-match': '"1"' },
        );
        const expectedPath = [...(part === 'body' ? [] : [part]), ...leaf.path].join('.');
        const issues = res.statusCode === 400 ? (res.json().issues ?? []) : [];
        // A field of a fixed shape (a date, a time zone) may say so instead; plain text must say why.
        const plain = leaf.schema.safeParse('abcd').success;
        const ok = issues.some(
          (i: { path: (string | number)[]; code: string }) =>
            i.path.join('.') === expectedPath && (!plain || i.code === 'text_invisible_character'),
        );
        if (!ok) wrong.push(`${route} ${expectedPath} ${JSON.stringify(ch)}: ${res.statusCode} ${res.body}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('cursors', () => {
  it('refuses an audit cursor beyond any entry number instead of failing the query', async () => {
    const res = await t.owner.client.get('/api/v1/audit?cursor=99999999999');
    expect(res.statusCode, res.body).toBe(400);
  });

  it('refuses a page cursor that decodes to a control character (PostgreSQL cannot compare NUL)', async () => {
    const forged = Buffer.from(JSON.stringify(['a\u0000', 'b\u202e'])).toString('base64url');
    for (const url of [
      '/api/v1/people',
      '/api/v1/inventory/operations',
      '/api/v1/inventory/systems',
      '/api/v1/inventory/components',
      '/api/v1/inventory/suppliers',
    ]) {
      const res = await t.owner.client.get(`${url}?cursor=${forged}`);
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(res.json().issues).toEqual([{ path: ['querystring', 'cursor'], code: 'invalid' }]);
    }
  });
});

describe('If-Match', () => {
  it('a version beyond any stored one is a conflict, not a database error', async () => {
    const { client } = await createOrgWithUser(t);
    const person = await createItem(client, 'person', { name: '山田 太郎' });
    const site = await createItem(client, 'site', { name: '本社', kind: 'head_office' });
    const system = await createItem(client, 'system', { name: '会計' });
    for (const url of [
      `/api/v1/people/${person.id}`,
      `/api/v1/sites/${site.id}`,
      `/api/v1/inventory/systems/${system.id}`,
      '/api/v1/org',
    ])
      for (const version of ['2147483648', '99999999999999999999', '9'.repeat(400)]) {
        const res = await client.patch(url, { name: '新しい名前' }, { 'if-match': `"${version}"` });
        expect(res.statusCode, `${url} ${version.length} ${res.body}`).toBe(412);
      }
  });
});

/** { a: { b: [ { c: value } ] } } from the path a.b.0.c. */
function bodyWith(path: (string | number)[], value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [String(head)]: bodyWith(rest, value) };
}
