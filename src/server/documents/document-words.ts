import type { Locale } from '../../domain/organization.js';

/** The words printed around the sections of every generated document (plan, reports), per language. */
export interface DocumentWords {
  contents: string;
  generated(when: string): string;
  page(n: number): string;
  info: string;
  warning: string;
  /** What a section with nothing in it says. */
  placeholder: string;
}

export const DOCUMENT_WORDS = {
  ja: {
    contents: '目次',
    generated: (when: string) => `作成日時：${when}`,
    page: (n: number) => `${n}ページ`,
    info: '参考',
    warning: '要対応',
    placeholder: '未作成',
  },
  en: {
    contents: 'Contents',
    generated: (when: string) => `Generated: ${when}`,
    page: (n: number) => `Page ${n}`,
    info: 'Note',
    warning: 'To act on',
    placeholder: 'Not written yet',
  },
} as const satisfies Record<Locale, DocumentWords>;
