import type { EntryKind, HandlingStatus } from '../../../domain/incidents.js';
import type { Locale } from '../../../domain/organization.js';

/** A chronology entry's kind and handling in the reader's language: the CSV export's and the reports'. */
export const ENTRY_WORDS = {
  ja: {
    kinds: { information: '情報', report: '報告', instruction: '指示', request: '依頼', decision: '決定' },
    handling: { open: '未対応', done: '対応済み' },
  },
  en: {
    kinds: {
      information: 'Information',
      report: 'Report',
      instruction: 'Instruction',
      request: 'Request',
      decision: 'Decision',
    },
    handling: { open: 'Open', done: 'Done' },
  },
} as const satisfies Record<
  Locale,
  { kinds: Record<EntryKind, string>; handling: Record<HandlingStatus, string> }
>;
