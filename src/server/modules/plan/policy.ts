import type { Kysely } from 'kysely';
import type { Locale } from '../../../domain/organization.js';
import type { PlanPolicy, PlanPolicyUpdate } from '../../../shared/plan.js';
import type { Db } from '../../db/database.js';
import type { Database, PlanPolicyRow } from '../../db/schema.js';
import { audited, isUniqueViolation } from '../../db/tx.js';
import { changeVersioned } from '../../db/versioned.js';
import { stale } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { getOrg } from '../orgs/service.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';

/**
 * The default policy and scope, in our words after the IT-BCP template of 001 (§IT-BCPの様式:
 * the representative director sets the plan for a business stopped by an information security
 * incident; recovery owners by damage target; the plan is checked to work).
 */
const DEFAULTS = {
  ja: {
    policy: (org: string) =>
      `${org}は、情報システムやITサービスが止まって事業が中断したときに備えて、この計画を定めます。\n` +
      '代表者が計画の責任を持ち、お客様と従業員の安全を第一に、優先度の高い業務から目標復旧時間までに再開することを目指します。\n' +
      '計画は少なくとも年に一度見直し、訓練で実際に使えるかを確かめます。',
    scope: (org: string) =>
      `${org}のすべての拠点と部署で使う業務システム、それを支える機器・回線・建物の設備、利用しているクラウドサービスと取引先を対象とします。\n` +
      '地震・水害・長い停電などの災害、ランサムウェアなどのサイバー攻撃、機器やシステムの故障で業務が止まる場合を想定します。',
    approver: '代表取締役',
  },
  en: {
    policy: (org: string) =>
      `${org} sets this plan to be ready for a stop of its business when information systems or IT services fail.\n` +
      'The head of the company is responsible for the plan. The safety of customers and employees comes first; the aim is to resume work in order of priority, within its target recovery time.\n' +
      'The plan is reviewed at least once a year and tested in exercises.',
    scope: (org: string) =>
      `It covers the business systems used at every site and department of ${org}, the devices, lines and building facilities they rely on, and the cloud services and suppliers in use.\n` +
      'It assumes work stopped by disasters (earthquake, flood, long power cut), cyber attacks such as ransomware, and failures of devices or systems.',
    approver: 'Representative director',
  },
} as const;

function presentPolicy(row: PlanPolicyRow): PlanPolicy {
  return {
    policy: row.policy,
    scope: row.scope,
    approver: row.approver,
    isDefault: false,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The stored policy, else the default text in `locale` (version 0). */
export async function readPolicy(
  q: Kysely<Database>,
  orgId: string,
  orgName: string,
  locale: Locale,
): Promise<PlanPolicy> {
  const row = await repo.findPolicy(q, orgId);
  if (row) return presentPolicy(row);
  const d = DEFAULTS[locale];
  return {
    policy: d.policy(orgName),
    scope: d.scope(orgName),
    approver: d.approver,
    isDefault: true,
    version: 0,
    updatedAt: null,
  };
}

export async function getPolicy(db: Db, orgId: string, locale: Locale): Promise<PlanPolicy> {
  const org = await getOrg(db, orgId);
  return readPolicy(db.kysely, orgId, org.name, locale);
}

/** Save the policy at the version the client edited (0 = the first save, which creates the row). */
export async function updatePolicy(
  db: Db,
  actor: OrgActor,
  expectedVersion: number,
  input: PlanPolicyUpdate,
  locale: Locale,
): Promise<PlanPolicy> {
  const org = await getOrg(db, actor.orgId);
  return audited(db, actor, (tx) =>
    changeVersioned(tx, {
      load: () => readPolicy(tx.trx, actor.orgId, org.name, locale),
      expectedVersion,
      write: async (current) => {
        const now = nowIso();
        if (current.version === 0) {
          try {
            await repo.insertPolicy(tx.trx, {
              id: newId(),
              org_id: actor.orgId,
              ...input,
              created_at: now,
              updated_at: now,
              version: 1,
            });
          } catch (err) {
            // Two first saves at once: the second is told someone else was first.
            if (isUniqueViolation(err)) throw stale();
            throw err;
          }
          return 1;
        }
        return repo.updatePolicy(tx.trx, actor.orgId, current.version, { ...input, updated_at: now });
      },
      audit: (before, after) => ({
        action: 'plan.policy_update',
        entityType: 'plan_policy',
        entityId: actor.orgId,
        before: before.isDefault
          ? null
          : { policy: before.policy, scope: before.scope, approver: before.approver },
        after: { policy: after.policy, scope: after.scope, approver: after.approver },
      }),
    }),
  );
}
