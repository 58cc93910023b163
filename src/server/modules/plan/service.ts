import { localTime } from '../../../domain/local-time.js';
import type { Locale } from '../../../domain/organization.js';
import {
  orderSections,
  PLAN_SECTION_IDS,
  type PlanDocument,
  type PlanSectionId,
  placeholderSection,
} from '../../../domain/plan-document.js';
import type { PlanFormat } from '../../../shared/plan.js';
import type { Db } from '../../db/database.js';
import { XLSX_TYPE } from '../../files/xlsx.js';
import { backupPlanSection } from '../backup-plan/plan-section.js';
import { biaSection } from '../bia/plan-section.js';
import { tierSection } from '../diagnosis/plan-section.js';
import { appendicesSection } from '../inventory/plan-section.js';
import { exportFileName, getOrg } from '../orgs/service.js';
import { recoveryPlanSections } from '../recovery/index.js';
import type { PlanContext, PlanSectionContributor } from '../types.js';
import { policySection } from './plan-section.js';
import { renderDocx } from './render/docx.js';
import { renderHtml } from './render/html.js';
import { renderPdf } from './render/pdf.js';

/** The IT-BCP's PDF layout (title page, contents, Japanese font) for other modules' reports. */

import { renderXlsx } from './render/xlsx.js';

/**
 * Every module that writes part of the IT-BCP adds its one contributor here (like the home
 * page's CONTRIBUTORS). A section no contributor returns is printed as "not written yet", so the
 * document always has every section in PLAN_SECTION_IDS order. Slots still open:
 * - 'maintenance': the maintenance module's (until then the placeholder below says so).
 */
const CONTRIBUTORS: readonly PlanSectionContributor[] = [
  policySection,
  tierSection,
  biaSection,
  backupPlanSection,
  recoveryPlanSections,
  appendicesSection,
];

/** What a section not written yet says, by the module that will write it. */
const NOT_WRITTEN: Record<Locale, (id: PlanSectionId) => string> = {
  ja: (id) =>
    id === 'maintenance'
      ? 'この章は、維持管理（年間の見直し・点検・訓練の予定）の機能ができると自動で書き込まれます。それまでは、次に見直す時期と担当者をここに書き添えてください。'
      : id === 'backup'
        ? 'この章はまだ書かれていません。バックアップ計画を作ると、ここに自動で入ります。'
        : 'この章はまだ書かれていません。復旧計画を作ると、ここに自動で入ります。',
  en: (id) =>
    id === 'maintenance'
      ? 'This section fills itself in once the maintenance feature (the yearly reviews, inspections and exercises) exists. Until then, write the next review date and who does it here by hand.'
      : id === 'backup'
        ? 'This section is not written yet. It fills itself in once the backup plan is made.'
        : 'This section is not written yet. It fills itself in once the recovery plan is made.',
};

const TITLES: Record<Locale, string> = {
  ja: 'IT-BCP（IT事業継続計画）',
  en: 'IT-BCP (IT business continuity plan)',
};

/**
 * The live plan (a draft) as data, in `locale`: every contributor's sections in print order,
 * the missing ones as placeholders. Plain JSON, so an issued edition can store it as it is.
 */
export async function buildPlanDocument(
  db: Db,
  orgId: string,
  locale: Locale,
  now = new Date(),
): Promise<PlanDocument> {
  const org = await getOrg(db, orgId);
  const generatedAt = now.toISOString();
  const ctx: PlanContext = { db, orgId, locale, today: localTime(generatedAt, org.timezone).slice(0, 10) };
  const written = (await Promise.all(CONTRIBUTORS.map((contribute) => contribute(ctx)))).flat();
  const have = new Set(written.map((s) => s.id));
  const missing = PLAN_SECTION_IDS.filter((id) => !have.has(id)).map((id) =>
    placeholderSection(id, locale, NOT_WRITTEN[locale](id)),
  );
  return {
    locale,
    organizationName: org.name,
    title: TITLES[locale],
    generatedAt,
    edition: null,
    sections: orderSections([...written, ...missing]),
  };
}

const TYPES: Record<Exclude<PlanFormat, 'json'>, { ext: string; type: string }> = {
  html: { ext: 'html', type: 'text/html; charset=utf-8' },
  offline: { ext: 'html', type: 'text/html; charset=utf-8' },
  pdf: { ext: 'pdf', type: 'application/pdf' },
  docx: { ext: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  xlsx: { ext: 'xlsx', type: XLSX_TYPE },
};

/** Render a plan document in one format (the same document gives every format). */
export async function renderPlan(
  doc: PlanDocument,
  format: Exclude<PlanFormat, 'json'>,
  timeZone: string,
): Promise<{ body: Buffer; contentType: string; ext: string }> {
  const generatedLocal = localTime(doc.generatedAt, timeZone);
  const { ext, type } = TYPES[format];
  const body =
    format === 'html' || format === 'offline'
      ? Buffer.from(renderHtml(doc, { offline: format === 'offline', generatedLocal }), 'utf8')
      : format === 'pdf'
        ? await renderPdf(doc, generatedLocal)
        : format === 'docx'
          ? await renderDocx(doc, generatedLocal)
          : await renderXlsx(doc);
  return { body, contentType: type, ext };
}

/** GET /plan/document: the live plan in one format, named `it-bcp[-offline]-YYYY-MM-DD.ext`. */
export async function planFile(
  db: Db,
  orgId: string,
  format: Exclude<PlanFormat, 'json'>,
  locale: Locale,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const org = await getOrg(db, orgId);
  const doc = await buildPlanDocument(db, orgId, locale);
  const file = await renderPlan(doc, format, org.timezone);
  const base = format === 'offline' ? 'it-bcp-offline' : format === 'xlsx' ? 'it-bcp-registers' : 'it-bcp';
  return {
    body: file.body,
    contentType: file.contentType,
    fileName: await exportFileName(db, orgId, base, file.ext),
  };
}
