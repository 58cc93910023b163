import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Which module writes which table (docs/ARCHITECTURE.md, "Modules"), checked on the source text.
 * Which folder may import which is checked by dependency-cruiser (`npm run lint:imports`).
 * A known exception is listed here by name until it is gone.
 */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const rel = (file: string) => path.relative(SRC, file);

describe('server modules', () => {
  const MODULES = path.join(SRC, 'server', 'modules');
  const moduleOf = (p: string) => /^server\/modules\/([^/]+)\//.exec(p)?.[1];

  /** Which module's repo writes each table. */
  const OWNER: Record<string, string> = {
    users: 'auth',
    recovery_codes: 'auth',
    organizations: 'orgs',
    memberships: 'orgs',
    invitations: 'orgs',
    password_resets: 'orgs',
    sites: 'structure',
    departments: 'structure',
    people: 'people',
    import_jobs: 'imports',
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
    backup_plans: 'backup-plan',
    backup_runs: 'backups',
    plan_policies: 'plan',
    plan_editions: 'plan',
    recovery_procedures: 'recovery',
    recovery_incidents: 'recovery',
    recovery_contacts: 'recovery',
    outbound_messages: 'outbound',
    incidents: 'incidents',
    incident_roster: 'incidents',
    chronology_entries: 'incidents',
    incident_tasks: 'incidents',
    incident_decisions: 'incidents',
    incident_systems: 'incidents',
    incident_events: 'incidents',
    quake_settings: 'quake',
    quake_events: 'quake',
    quake_feed_entries: 'quake',
    safety_requests: 'safety',
    safety_recipients: 'safety',
    safety_links: 'safety',
    safety_answers: 'safety',
    safety_token_failures: 'safety',
    assessments: 'assessment',
    assessment_answers: 'assessment',
    assessment_actions: 'assessment',
    assessment_assets: 'assessment',
  };
  // First-run setup and create-admin make an organization and its owner (auth).
  const KNOWN = new Set(['auth writes organizations', 'auth writes memberships']);

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
