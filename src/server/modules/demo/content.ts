import { z } from 'zod';
import { DAMAGE_CATEGORIES, DAMAGE_MAX_YEN } from '../../../domain/damage.js';
import { IT_LAYERS } from '../../../domain/dependency-graph.js';
import { LOCALES } from '../../../domain/organization.js';
import { isoDate } from '../../../shared/fields.js';
import { HostingSchema, RtoSchema, SideSchema, SupplierKindSchema } from '../../../shared/inventory.js';
import { EMAIL_RE, EmploymentStatusSchema, KANA_RE, PHONE_RE } from '../../../shared/people.js';
import { PrefectureCodeSchema } from '../../../shared/prefectures.js';
import { RoleSchema } from '../../../shared/roles.js';
import { SiteKindSchema } from '../../../shared/structure.js';
import { contentFile } from '../../content/load.js';
import { LocalizedTextSchema, SourceSchema } from '../../content/text.js';

/**
 * The demo organization file (content/demo/demo-org.yaml). Every section is keyed so later
 * modules can refer to sites, departments and people by `key` when they add their own sections.
 */

const Key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'key: lower-case letters, digits and dashes')
  .max(60);

const SiteSchema = z.strictObject({
  key: Key,
  name: LocalizedTextSchema,
  kind: SiteKindSchema,
  prefecture: PrefectureCodeSchema,
  address: LocalizedTextSchema.optional(),
});

const DepartmentSchema = z.strictObject({
  key: Key,
  name: LocalizedTextSchema,
});

const PersonSchema = z.strictObject({
  key: Key,
  employee_number: z.string().min(1).max(50),
  name: z.string().trim().min(1).max(200),
  kana: z.string().regex(KANA_RE, 'kana: katakana or hiragana').max(200),
  email: z.string().regex(EMAIL_RE, 'email').max(254),
  phone: z.string().regex(PHONE_RE, 'phone').max(30),
  chat_handle: z.string().max(100).optional(),
  site: Key,
  department: Key.optional(),
  home_prefecture: PrefectureCodeSchema,
  employment_status: EmploymentStatusSchema,
  /** Job title and duties; not stored in the people table (yet), used by later sections. */
  title: LocalizedTextSchema.optional(),
});

const UserSchema = z.strictObject({
  /** The person who logs in; email and display name come from the person. */
  person: Key,
  role: RoleSchema,
  locale: z.enum(LOCALES).default('ja'),
});

const DemoContentSchema = z
  .strictObject({
    source: SourceSchema,
    /** Shared by every demo login; printed by `keizoku serve` and the README. Must pass the password policy. */
    demo_password: z.string().min(12).max(256),
    organization: z.strictObject({
      name: LocalizedTextSchema,
      timezone: z.string().min(1).max(60),
      /** Yearly sales (年商); damage estimates and the lost-profit helper show amounts as % of it. */
      annual_sales_yen: z.number().int().min(1).max(DAMAGE_MAX_YEN).optional(),
      description: LocalizedTextSchema,
    }),
    sites: z.array(SiteSchema).min(1).max(50),
    departments: z.array(DepartmentSchema).min(1).max(50),
    people: z.array(PersonSchema).min(1).max(500),
    users: z.array(UserSchema).min(1).max(20),
  })
  .superRefine((c, ctx) => {
    // Cross references must resolve, and keys and e-mail addresses must be unique.
    const unique = (items: { key: string }[], section: string) => {
      const seen = new Set<string>();
      items.forEach((it, i) => {
        if (seen.has(it.key))
          ctx.addIssue({ code: 'custom', path: [section, i, 'key'], message: 'duplicate key' });
        seen.add(it.key);
      });
      return seen;
    };
    const sites = unique(c.sites, 'sites');
    const departments = unique(c.departments, 'departments');
    const people = unique(c.people, 'people');
    const emails = new Set<string>();
    c.people.forEach((p, i) => {
      if (!sites.has(p.site))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'site'], message: 'unknown site' });
      if (p.department && !departments.has(p.department))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'department'], message: 'unknown department' });
      const email = p.email.toLowerCase();
      if (emails.has(email))
        ctx.addIssue({ code: 'custom', path: ['people', i, 'email'], message: 'duplicate email' });
      emails.add(email);
    });
    c.users.forEach((u, i) => {
      if (!people.has(u.person))
        ctx.addIssue({ code: 'custom', path: ['users', i, 'person'], message: 'unknown person' });
    });
    if (!c.users.some((u) => u.role === 'owner'))
      ctx.addIssue({ code: 'custom', path: ['users'], message: 'needs an owner' });
  });
type DemoOrgContent = z.infer<typeof DemoContentSchema>;

// --- content/demo/demo-bia.yaml: inventory, dependency edges, BIA settings, damage estimate -------

const Level = z.number().int().min(1).max(5);
const DependsOn = z.array(Key).max(50).default([]);
const NeedList = z.array(LocalizedTextSchema).max(50).default([]);

const DemoOperationSchema = z.strictObject({
  key: Key,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  /** A person key of demo-org.yaml. */
  owner: Key,
  importance: Level,
  /** Left out: derived from the systems the operation uses. */
  dependency: Level.optional(),
  rto_override: RtoSchema.optional(),
  needs: z
    .strictObject({
      data: NeedList,
      terminals: NeedList,
      procedure_manuals: NeedList,
      user_manuals: NeedList,
    })
    .optional(),
  depends_on: DependsOn,
});

const DemoSystemSchema = z.strictObject({
  key: Key,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  owner: Key,
  vendor: LocalizedTextSchema.optional(),
  hosting: HostingSchema,
  data_location: LocalizedTextSchema.optional(),
  eol_date: isoDate().optional(),
  dependency: Level,
  declared_rto: RtoSchema.optional(),
  depends_on: DependsOn,
});

const DemoComponentSchema = z.strictObject({
  key: Key,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  layer: z.literal(IT_LAYERS),
  side: SideSchema,
  declared_rto: RtoSchema.optional(),
  depends_on: DependsOn,
});

const DemoSupplierSchema = z.strictObject({
  key: Key,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema.optional(),
  kind: SupplierKindSchema,
  contact: z.string().trim().min(1).max(500).optional(),
  contract_notes: LocalizedTextSchema.optional(),
  declared_rto: RtoSchema.optional(),
});

const DemoDamageSchema = z.strictObject({
  name: LocalizedTextSchema,
  scenario: LocalizedTextSchema.optional(),
  /** A preset id of content/damage/presets.yaml the estimate was based on. */
  preset: z.string().max(100).optional(),
  annual_sales_yen: z.number().int().min(0).optional(),
  /** Key of an operation or a system of this file. */
  operation: Key.optional(),
  system: Key.optional(),
  amounts: z.partialRecord(z.enum(DAMAGE_CATEGORIES), z.number().int().min(0)),
});

const IsoTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'timestamp: ISO, UTC');

const DemoDiagnosisSchema = z.strictObject({
  /** A person key with a demo login. */
  taken_by: Key,
  taken_at: IsoTimestamp,
  /** The tier the answers must give (the loader checks it with the domain). */
  expected_tier: z.enum(['matsu', 'take', 'ume']),
  /** content/diagnosis/tier-questionnaire.yaml: question id → option id. */
  answers: z.record(z.string().max(100), z.string().max(100)),
  tasks: z
    .array(
      z.strictObject({
        /** A measure id of content/diagnosis/tier-measures.yaml. */
        measure: z.string().max(100),
        owner: Key,
        due_date: isoDate(),
        status: z.enum(['open', 'in_progress', 'done', 'dropped']),
      }),
    )
    .max(50)
    .default([]),
});

const DemoChecklistSchema = z.strictObject({
  /** An item id of content/diagnosis/management-checklist.yaml. */
  item: z.string().max(100),
  /** A person key with a demo login. */
  done_by: Key,
  done_at: IsoTimestamp,
  note: LocalizedTextSchema.optional(),
});

const DemoSignoffSchema = z.strictObject({
  /** A person key with a demo login (the owner, in the demo). */
  signed_by: Key,
  /** How many days before the demo is loaded the BIA was signed. */
  days_ago: z.number().int().min(1).max(365),
  note: LocalizedTextSchema.optional(),
  /** Operations edited after the sign-off, so the BIA shows a difference against the signed edition. */
  changed_since: z
    .array(
      z.strictObject({
        operation: Key,
        importance: Level.optional(),
        dependency: Level.optional(),
      }),
    )
    .max(20)
    .default([]),
});

export const DemoBiaContentSchema = z
  .strictObject({
    source: SourceSchema,
    bia_settings: z.strictObject({
      scale: z.union([z.literal(3), z.literal(5)]),
      /** Ids in content/bia/presets.yaml. */
      matrix_preset: z.string().min(1).max(100),
      rto_preset: z.string().min(1).max(100),
    }),
    operations: z.array(DemoOperationSchema).min(1).max(200),
    systems: z.array(DemoSystemSchema).min(1).max(200),
    components: z.array(DemoComponentSchema).max(200).default([]),
    suppliers: z.array(DemoSupplierSchema).max(200).default([]),
    damage_estimates: z.array(DemoDamageSchema).max(20).default([]),
    diagnosis: DemoDiagnosisSchema.optional(),
    checklist: z.array(DemoChecklistSchema).max(50).default([]),
    signoff: DemoSignoffSchema.optional(),
  })
  .superRefine((c, ctx) => {
    // Keys are unique across the four registers; depends_on names known keys; levels fit the scale.
    const kinds = new Map<string, string>();
    for (const section of ['operations', 'systems', 'components', 'suppliers'] as const)
      c[section].forEach((it, i) => {
        if (kinds.has(it.key))
          ctx.addIssue({ code: 'custom', path: [section, i, 'key'], message: 'duplicate key' });
        kinds.set(it.key, section);
      });
    for (const section of ['operations', 'systems', 'components'] as const)
      c[section].forEach((it, i) => {
        it.depends_on.forEach((k, j) => {
          if (!kinds.has(k))
            ctx.addIssue({
              code: 'custom',
              path: [section, i, 'depends_on', j],
              message: `unknown key ${k}`,
            });
        });
      });
    const scale = c.bia_settings.scale;
    const level = (v: number | undefined, p: (string | number)[]) => {
      if (v !== undefined && v > scale)
        ctx.addIssue({ code: 'custom', path: p, message: `level above the scale (${scale})` });
    };
    c.operations.forEach((o, i) => {
      level(o.importance, ['operations', i, 'importance']);
      level(o.dependency, ['operations', i, 'dependency']);
    });
    c.systems.forEach((s, i) => {
      level(s.dependency, ['systems', i, 'dependency']);
    });
    c.signoff?.changed_since.forEach((ch, i) => {
      const p = ['signoff', 'changed_since', i];
      if (kinds.get(ch.operation) !== 'operations')
        ctx.addIssue({ code: 'custom', path: [...p, 'operation'], message: 'unknown operation' });
      if (ch.importance === undefined && ch.dependency === undefined)
        ctx.addIssue({ code: 'custom', path: p, message: 'changes nothing' });
      level(ch.importance, [...p, 'importance']);
      level(ch.dependency, [...p, 'dependency']);
    });
    c.damage_estimates.forEach((d, i) => {
      if (d.operation && kinds.get(d.operation) !== 'operations')
        ctx.addIssue({
          code: 'custom',
          path: ['damage_estimates', i, 'operation'],
          message: 'unknown operation',
        });
      if (d.system && kinds.get(d.system) !== 'systems')
        ctx.addIssue({ code: 'custom', path: ['damage_estimates', i, 'system'], message: 'unknown system' });
    });
  });
type DemoBiaContent = z.infer<typeof DemoBiaContentSchema>;

/** Both demo files: the organization (demo-org.yaml) and its inventory and BIA (`bia`, demo-bia.yaml). */
export type DemoContent = DemoOrgContent & { bia: DemoBiaContent };

const demoOrgFile = contentFile('demo/demo-org.yaml', DemoContentSchema);
const demoBiaFile = contentFile('demo/demo-bia.yaml', DemoBiaContentSchema);

/** Owners named in demo-bia.yaml must be people of demo-org.yaml; takers and signers need a login. */
function checkDemoOwners(org: DemoOrgContent, bia: DemoBiaContent): string[] {
  const people = new Set(org.people.map((p) => p.key));
  const problems: string[] = [];
  for (const section of ['operations', 'systems'] as const)
    bia[section].forEach((it, i) => {
      if (!people.has(it.owner)) problems.push(`${section}[${i}].owner: unknown person ${it.owner}`);
    });
  bia.diagnosis?.tasks.forEach((t, i) => {
    if (!people.has(t.owner)) problems.push(`diagnosis.tasks[${i}].owner: unknown person ${t.owner}`);
  });
  const logins = new Set(org.users.map((u) => u.person));
  if (bia.diagnosis && !logins.has(bia.diagnosis.taken_by))
    problems.push(`diagnosis.taken_by: no demo login ${bia.diagnosis.taken_by}`);
  bia.checklist.forEach((c, i) => {
    if (!logins.has(c.done_by)) problems.push(`checklist[${i}].done_by: no demo login ${c.done_by}`);
  });
  if (bia.signoff && !logins.has(bia.signoff.signed_by))
    problems.push(`signoff.signed_by: no demo login ${bia.signoff.signed_by}`);
  return problems;
}

let cached: DemoContent | null = null;

/** The demo organization files, validated (read once per process). */
export function demoContent(): DemoContent {
  if (!cached) {
    const org = demoOrgFile();
    const bia = demoBiaFile();
    const problems = checkDemoOwners(org, bia);
    if (problems.length) throw new Error(`content/demo/demo-bia.yaml ${problems.join('; ')}`);
    cached = { ...org, bia };
  }
  return cached;
}

/** The owner login of the demo, for `keizoku serve` to print. */
export function demoOwnerLogin(content: DemoContent = demoContent()): { email: string; password: string } {
  const owner = content.users.find((u) => u.role === 'owner');
  const person = content.people.find((p) => p.key === owner?.person);
  if (!person) throw new Error('demo content has no owner');
  return { email: person.email.toLowerCase(), password: content.demo_password };
}
