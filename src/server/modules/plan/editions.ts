import { localTime } from '../../../domain/local-time.js';
import type { Locale } from '../../../domain/organization.js';
import { diffPlanDocuments } from '../../../domain/plan-diff.js';
import type { PlanDocument } from '../../../domain/plan-document.js';
import {
  PlanDocumentSchema,
  type PlanEdition,
  type PlanEditionCompare,
  type PlanEditionCreate,
  type PlanEditionList,
  type PlanFormat,
} from '../../../shared/plan.js';
import { decodeIdCursor, keysetPage } from '../../cursor.js';
import type { Db } from '../../db/database.js';
import { audited, isUniqueViolation } from '../../db/tx.js';
import { conflict, invalid, notFound } from '../../errors.js';
import { newId, sha256Hex } from '../../ids.js';
import { getOrg } from '../orgs/service.js';
import type { OrgActor } from '../types.js';
import * as repo from './repo.js';
import { buildPlanDocument, renderPlan } from './service.js';

/**
 * Editions of the IT-BCP (issue 10): issuing stores the plan as it is now, in both languages, as
 * an immutable numbered edition; it renders later exactly as issued and any two can be compared.
 */

/**
 * What an edition's content is, apart from when it was read and its stamp: two documents with the
 * same hash print the same sections. The Japanese document stands for both languages (the same
 * data worded twice).
 */
export function planContentHash(doc: PlanDocument): string {
  return sha256Hex(
    JSON.stringify({ organizationName: doc.organizationName, title: doc.title, sections: doc.sections }),
  );
}

function presentEdition(row: repo.EditionView, timeZone: string): PlanEdition {
  return {
    number: row.number,
    issuedAt: row.issued_at,
    issuedOn: localTime(row.issued_at, timeZone).slice(0, 10),
    approver: row.approver,
    issuedByName: row.issued_by_name,
    note: row.note,
    contentHash: row.content_hash,
  };
}

/** Two people issuing at the same moment: the later insert meets the unique number and retries. */
const ISSUE_ATTEMPTS = 5;

export async function issueEdition(db: Db, actor: OrgActor, input: PlanEditionCreate): Promise<PlanEdition> {
  const org = await getOrg(db, actor.orgId);
  const policy = await repo.findPolicy(db.kysely, actor.orgId);
  // An edition names who approved it and says what the plan is for: both come from the saved policy.
  if (!policy) throw conflict('plan_policy_missing');
  const approver = input.approver ?? policy.approver;
  const now = new Date();
  const issuedAt = now.toISOString();
  const issuedOn = localTime(issuedAt, org.timezone).slice(0, 10);
  const [ja, en] = await Promise.all([
    buildPlanDocument(db, actor.orgId, 'ja', now),
    buildPlanDocument(db, actor.orgId, 'en', now),
  ]);
  const contentHash = planContentHash(ja);
  for (let attempt = 1; ; attempt++) {
    try {
      return await audited(db, actor, async ({ trx, audit }) => {
        const number = (await repo.lastEditionNumber(trx, actor.orgId)) + 1;
        const edition = { number, issuedAt, issuedOn, approver };
        const id = newId();
        await repo.insertEdition(trx, {
          id,
          org_id: actor.orgId,
          number,
          issued_at: issuedAt,
          issued_by: actor.userId,
          approver,
          note: input.note || null,
          content_hash: contentHash,
          document_ja: JSON.stringify({ ...ja, edition }),
          document_en: JSON.stringify({ ...en, edition }),
        });
        await audit({
          action: 'plan.edition_issue',
          entityType: 'plan_edition',
          entityId: id,
          details: { number, approver, note: input.note || null },
        });
        const row = await repo.findEdition(trx, actor.orgId, number);
        if (!row) throw notFound();
        return presentEdition(row, org.timezone);
      });
    } catch (err) {
      if (isUniqueViolation(err) && attempt < ISSUE_ATTEMPTS) continue;
      throw err;
    }
  }
}

/** The cursor of a page is the last number shown (base64url), so pages stay put as editions are issued. */
function decodeNumberCursor(cursor: string | undefined): number | null {
  const s = decodeIdCursor(cursor);
  if (s === null) return null;
  if (!/^\d{1,9}$/.test(s))
    throw invalid('validation_failed', { issues: [{ path: ['querystring', 'cursor'], code: 'invalid' }] });
  return Number(s);
}

export async function listEditions(
  db: Db,
  orgId: string,
  query: { cursor?: string | undefined; limit?: number | undefined },
): Promise<PlanEditionList> {
  const org = await getOrg(db, orgId);
  const limit = query.limit ?? 50;
  const rows = await repo.listEditions(db.kysely, orgId, decodeNumberCursor(query.cursor), limit + 1);
  return keysetPage(
    rows,
    limit,
    (r) => presentEdition(r, org.timezone),
    (last) => Buffer.from(String(last.number)).toString('base64url'),
  );
}

export async function getEdition(db: Db, orgId: string, n: number): Promise<PlanEdition> {
  const org = await getOrg(db, orgId);
  const row = await repo.findEdition(db.kysely, orgId, n);
  if (!row) throw notFound();
  return presentEdition(row, org.timezone);
}

/** The newest edition, or null when none was issued (the home page's step). */
export async function latestEdition(db: Db, orgId: string): Promise<PlanEdition | null> {
  const org = await getOrg(db, orgId);
  const [row] = await repo.listEditions(db.kysely, orgId, null, 1);
  return row ? presentEdition(row, org.timezone) : null;
}

/** An edition's document as issued, in one language. */
export async function editionDocument(
  db: Db,
  orgId: string,
  n: number,
  locale: Locale,
): Promise<PlanDocument> {
  const json = await repo.findEditionDocument(db.kysely, orgId, n, locale);
  if (json === undefined) throw notFound();
  return PlanDocumentSchema.parse(JSON.parse(json));
}

/**
 * GET /plan/editions/{n}/document: the edition in one format, named after its number and the day
 * it was issued (`it-bcp-ed3-2026-12-07.pdf`), whenever it is downloaded.
 */
export async function editionFile(
  db: Db,
  orgId: string,
  n: number,
  format: Exclude<PlanFormat, 'json'>,
  locale: Locale,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const org = await getOrg(db, orgId);
  const doc = await editionDocument(db, orgId, n, locale);
  const file = await renderPlan(doc, format, org.timezone);
  const kind = format === 'offline' ? '-offline' : format === 'xlsx' ? '-registers' : '';
  const day = doc.edition?.issuedOn ?? '';
  return {
    body: file.body,
    contentType: file.contentType,
    fileName: `it-bcp-ed${n}${kind}-${day}.${file.ext}`,
  };
}

/** What changed from edition `from` to edition `to`, section by section, in `locale`. */
export async function compareEditions(
  db: Db,
  orgId: string,
  from: number,
  to: number,
  locale: Locale,
): Promise<PlanEditionCompare> {
  const [a, b, docA, docB] = await Promise.all([
    getEdition(db, orgId, from),
    getEdition(db, orgId, to),
    editionDocument(db, orgId, from, locale),
    editionDocument(db, orgId, to, locale),
  ]);
  const diff = diffPlanDocuments(docA, docB);
  return {
    from: a,
    to: b,
    sections: diff.sections.map((s) => ({ ...s, changes: [...s.changes] })),
    isUnchanged: diff.isUnchanged,
  };
}
