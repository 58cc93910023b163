/**
 * The words of an organization, its accounts and its people: languages, roles, kinds of site and
 * employment statuses. Each list is defined here once; the API contract (src/shared), the row types
 * (src/server/db/schema.ts) and the web app import it. Pure: no I/O, no zod.
 */

/** The languages of the interface, of a user's account and of exported files. Japanese first. */
export const LOCALES = ['ja', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A word in each language for every code of a list, as the screen and the documents show it. */
export type Labels<C extends string | number> = Readonly<Record<C, Readonly<Record<Locale, string>>>>;

/** Membership roles; what each may do is src/shared/roles.ts (permissions). */
export const ROLES = ['owner', 'admin', 'member', 'hq', 'facilitator', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Kinds of site (拠点). */
export const SITE_KINDS = ['head_office', 'branch', 'shop', 'factory', 'warehouse', 'other'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** Employment statuses of the people directory. */
export const EMPLOYMENT_STATUSES = [
  'full_time',
  'part_time',
  'contract',
  'temporary',
  'executive',
  'on_leave',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** Labels used in import/export files (the UI translates `people.status.<code>` itself). */
export const EMPLOYMENT_STATUS_LABELS: Record<EmploymentStatus, { ja: string; en: string }> = {
  full_time: { ja: '正社員', en: 'Full-time' },
  part_time: { ja: 'パート・アルバイト', en: 'Part-time' },
  contract: { ja: '契約社員', en: 'Contract' },
  temporary: { ja: '派遣・臨時', en: 'Temporary' },
  executive: { ja: '役員', en: 'Executive' },
  on_leave: { ja: '休職中', en: 'On leave' },
};
