import type { Locale } from '../../../../domain/organization.js';
import type { PlanDocument } from '../../../../domain/plan-document.js';
import { DOCUMENT_WORDS } from '../../../documents/document-words.js';

/** The words every format prints around the sections (title page, contents, status). */
export const FRAME_WORDS = {
  ja: {
    ...DOCUMENT_WORDS.ja,
    draft: '下書き（未発行）',
    edition: (n: number, on: string, approver: string) => `第${n}版（${on}発行、承認：${approver}）`,
    offline:
      'この文書はサーバーなしで読めるよう1つのファイルにまとめたコピーです。USBメモリや紙にも保管し、ITが止まったときに使ってください。',
  },
  en: {
    ...DOCUMENT_WORDS.en,
    draft: 'Draft (not issued)',
    edition: (n: number, on: string, approver: string) =>
      `Edition ${n} (issued ${on}, approved by ${approver})`,
    offline:
      'This is a one-file copy of the plan that opens without a server. Keep it on a USB stick and on paper too, for when IT is down.',
  },
} as const satisfies Record<Locale, unknown>;

/** "2026-12-07 12:34" from an ISO time, in the document's time zone (given by the caller). */
export function statusLine(doc: PlanDocument): string {
  const w = FRAME_WORDS[doc.locale];
  return doc.edition ? w.edition(doc.edition.number, doc.edition.issuedOn, doc.edition.approver) : w.draft;
}

/** Anchor id of a section in the HTML outputs (ids are fixed words, never user text). */
export const anchorOf = (id: string) => `section-${id}`;
