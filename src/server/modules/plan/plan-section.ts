import { PLAN_SECTION_TITLES, type PlanBlock, type PlanSection } from '../../../domain/plan-document.js';
import { getOrg } from '../orgs/service.js';
import type { PlanSectionContributor } from '../types.js';
import { readPolicy } from './policy.js';

/** Paragraphs as typed: a blank line or a line break starts a new one. */
function paragraphs(text: string): PlanBlock[] {
  return text
    .split(/\n+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => ({ kind: 'paragraph', text: t }));
}

const WORDS = {
  ja: {
    policy: '基本方針',
    scope: '適用範囲',
    approver: (name: string) => `承認者：${name}`,
    sample: 'この基本方針と適用範囲は見本の文です。自社の言葉に直して保存してください（IT-BCPのページ）。',
  },
  en: {
    policy: 'Policy',
    scope: 'Scope',
    approver: (name: string) => `Approved by: ${name}`,
    sample:
      'This policy and scope are sample text. Rewrite them in your own words and save them (IT-BCP page).',
  },
} as const;

/** The first section: the organization's policy, scope and approver (IT-BCP template, 001). */
export const policySection: PlanSectionContributor = async ({ db, orgId, locale }) => {
  const org = await getOrg(db, orgId);
  const policy = await readPolicy(db.kysely, orgId, org.name, locale);
  const w = WORDS[locale];
  const section: PlanSection = {
    id: 'policy',
    title: PLAN_SECTION_TITLES.policy[locale],
    blocks: [
      ...(policy.isDefault ? [{ kind: 'note', tone: 'warning', text: w.sample } as const] : []),
      { kind: 'subheading', text: w.policy },
      ...paragraphs(policy.policy),
      { kind: 'subheading', text: w.scope },
      ...paragraphs(policy.scope),
      { kind: 'paragraph', text: w.approver(policy.approver) },
    ],
  };
  return [section];
};
