import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The layering of docs/ARCHITECTURE.md, checked on the source text: which folder may import which,
 * and which module writes which table. A known exception is listed here by name until it is gone.
 */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every import specifier of a file, relative ones resolved to a path under src/ ('domain/bia.js'). */
function importsOf(file: string): { relative: string[]; packages: string[] } {
  const text = fs.readFileSync(file, 'utf8');
  const relative: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*'([^']+)';|^import\s*'([^']+)';/gm)) {
    const spec = (m[1] ?? m[2])!;
    if (spec.startsWith('.')) relative.push(path.relative(SRC, path.resolve(path.dirname(file), spec)));
    else packages.push(spec);
  }
  return { relative, packages };
}

const rel = (file: string) => path.relative(SRC, file);

describe('layering', () => {
  it('domain/ imports only domain/ and pure libraries', () => {
    // people-import reads the people file columns and field limits from the API contract.
    const allowed = new Set(['domain/people-import.ts -> shared/people.js']);
    const found: string[] = [];
    for (const file of sourceFiles(path.join(SRC, 'domain'))) {
      const { relative, packages } = importsOf(file);
      for (const r of relative)
        if (!r.startsWith('domain/') && !allowed.has(`${rel(file)} -> ${r}`))
          found.push(`${rel(file)} -> ${r}`);
      for (const p of packages)
        if (p !== 'zod' && !p.startsWith('@zxcvbn-ts/')) found.push(`${rel(file)} -> ${p}`);
    }
    expect(found).toEqual([]);
  });

  it('shared/ imports only shared/, domain/ and zod', () => {
    const found: string[] = [];
    for (const file of sourceFiles(path.join(SRC, 'shared'))) {
      const { relative, packages } = importsOf(file);
      for (const r of relative)
        if (!r.startsWith('shared/') && !r.startsWith('domain/')) found.push(`${rel(file)} -> ${r}`);
      for (const p of packages) if (p !== 'zod') found.push(`${rel(file)} -> ${p}`);
    }
    expect(found).toEqual([]);
  });

  it('web/ never imports server/', () => {
    const found: string[] = [];
    for (const file of sourceFiles(path.join(SRC, 'web')))
      for (const r of importsOf(file).relative)
        if (r.startsWith('server/')) found.push(`${rel(file)} -> ${r}`);
    expect(found).toEqual([]);
  });
});

describe('server modules', () => {
  const MODULES = path.join(SRC, 'server', 'modules');
  const moduleOf = (p: string) => /^server\/modules\/([^/]+)\//.exec(p)?.[1];

  it('use another module through its service (or content, routes for the index), never its repo', () => {
    // The demo seeds every module's tables in one transaction through their repos; accepting an
    // invitation (orgs) creates the user and membership through auth's repo.
    const allowed = new Set(['server/modules/orgs/service.ts -> server/modules/auth/repo.js']);
    const found: string[] = [];
    for (const file of sourceFiles(MODULES)) {
      const from = moduleOf(rel(file));
      if (from === 'demo') continue;
      for (const r of importsOf(file).relative) {
        const to = moduleOf(r);
        const line = `${rel(file)} -> ${r}`;
        if (to && from && to !== from && r.endsWith('/repo.js') && !allowed.has(line)) found.push(line);
      }
    }
    expect(found).toEqual([]);
  });

  /** Which module's repo writes each table. */
  const OWNER: Record<string, string> = {
    users: 'auth',
    recovery_codes: 'auth',
    organizations: 'orgs',
    memberships: 'orgs',
    invitations: 'orgs',
    sites: 'structure',
    departments: 'structure',
    people: 'people',
    import_jobs: 'people',
    business_operations: 'inventory',
    it_systems: 'inventory',
    it_components: 'inventory',
    suppliers: 'inventory',
    dependency_edges: 'inventory',
    bia_settings: 'bia',
    bia_signoffs: 'bia',
    diagnosis_results: 'diagnosis',
    diagnosis_tasks: 'diagnosis',
    management_checklist: 'diagnosis',
    damage_estimates: 'damage',
  };
  // First-run setup and create-admin make an organization and its owner (auth); the demo inserts
  // its company's organization, users and directory directly.
  const KNOWN = new Set([
    'auth writes organizations',
    'auth writes memberships',
    'demo writes organizations',
    'demo writes memberships',
    'demo writes users',
    'demo writes sites',
    'demo writes departments',
    'demo writes people',
  ]);

  it('write only their own tables', () => {
    const found: string[] = [];
    for (const file of sourceFiles(MODULES)) {
      const module = moduleOf(rel(file));
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:insertInto|updateTable|deleteFrom)\('([a-z_]+)'\)/g)) {
        const table = m[1]!;
        const line = `${module} writes ${table}`;
        if (OWNER[table] !== module && !KNOWN.has(line)) found.push(`${line} (${rel(file)})`);
      }
    }
    expect(found).toEqual([]);
  });
});
