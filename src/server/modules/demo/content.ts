import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EMAIL_RE, EmploymentStatusSchema, KANA_RE, PHONE_RE } from '../../../shared/people.js';
import { PrefectureCodeSchema } from '../../../shared/prefectures.js';
import { RoleSchema } from '../../../shared/roles.js';
import { SiteKindSchema } from '../../../shared/structure.js';
import { loadContentFile } from '../../content/load.js';
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
  locale: z.enum(['ja', 'en']).default('ja'),
});

export const DemoContentSchema = z
  .strictObject({
    source: SourceSchema,
    /** Shared by every demo login; printed by `keizoku serve` and the README. Must pass the password policy. */
    demo_password: z.string().min(12).max(256),
    organization: z.strictObject({
      name: LocalizedTextSchema,
      timezone: z.string().min(1).max(60),
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
export type DemoContent = z.infer<typeof DemoContentSchema>;

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server/modules/demo and dist/server/modules/demo are both four levels below the root. */
export const DEMO_FILE = path.resolve(here, '../../../../content/demo/demo-org.yaml');

let cached: DemoContent | null = null;

/** The demo organization file, validated (read once per process). */
export function demoContent(): DemoContent {
  cached ??= loadContentFile(DEMO_FILE, DemoContentSchema);
  return cached;
}

/** The owner login of the demo, for `keizoku serve` to print. */
export function demoOwnerLogin(content: DemoContent = demoContent()): { email: string; password: string } {
  const owner = content.users.find((u) => u.role === 'owner');
  const person = content.people.find((p) => p.key === owner?.person);
  if (!person) throw new Error('demo content has no owner');
  return { email: person.email.toLowerCase(), password: content.demo_password };
}
