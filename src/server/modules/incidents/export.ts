/**
 * The chronology as a CSV file in the reader's language (UTF-8 with BOM, formula-safe cells via
 * buildCsv): times in the organization's time zone, kinds and handling in words, a corrected entry
 * marked with the time of its correction.
 */
import type { EntryKind, HandlingStatus } from '../../../domain/incidents.js';
import { localTime } from '../../../domain/local-time.js';
import type { Locale } from '../../../domain/organization.js';
import type { Entry } from '../../../shared/incidents.js';
import type { Db } from '../../db/database.js';
import { buildCsv } from '../../files/import-file.js';
import { ENTRY_WORDS } from './entry-words.js';
import * as repo from './repo.js';
import { listEntries } from './service.js';

const WORDS = {
  ja: {
    columns: [
      '発生日時',
      '記録日時',
      '記録者',
      '発信元',
      '宛先',
      '種別',
      '内容',
      '対応',
      'タグ',
      'リンク',
      '訂正',
    ],
    ...ENTRY_WORDS.ja,
    corrects: (at: string) => `${at} の記録の訂正`,
    corrected: (at: string) => `${at} に訂正された`,
    file: 'クロノロジー',
  },
  en: {
    columns: [
      'Occurred',
      'Recorded',
      'Recorded by',
      'From',
      'To',
      'Kind',
      'Text',
      'Handling',
      'Tags',
      'Links',
      'Correction',
    ],
    ...ENTRY_WORDS.en,
    corrects: (at: string) => `corrects the entry recorded ${at}`,
    corrected: (at: string) => `corrected ${at}`,
    file: 'chronology',
  },
} satisfies Record<
  Locale,
  {
    columns: string[];
    kinds: Record<EntryKind, string>;
    handling: Record<HandlingStatus, string>;
    corrects: (at: string) => string;
    corrected: (at: string) => string;
    file: string;
  }
>;

export async function chronologyCsv(
  db: Db,
  orgId: string,
  incidentId: string,
  locale: Locale,
): Promise<{ fileName: string; body: Buffer }> {
  const { items } = await listEntries(db.kysely, orgId, incidentId, {});
  const zone = await repo.orgTimezone(db.kysely, orgId);
  const w = WORDS[locale];
  const byId = new Map<string, Entry>(items.map((e) => [e.id, e]));
  const at = (iso: string) => localTime(iso, zone);
  const rows = items.map((e) => {
    const target = e.correctsId ? byId.get(e.correctsId) : undefined;
    const by = e.correctedById ? byId.get(e.correctedById) : undefined;
    const correction = [
      target ? w.corrects(at(target.recordedAt)) : '',
      by ? w.corrected(at(by.recordedAt)) : '',
    ]
      .filter(Boolean)
      .join(' / ');
    return [
      at(e.occurredAt),
      at(e.recordedAt),
      e.authorName ?? '',
      e.fromParty ?? '',
      e.toParty ?? '',
      w.kinds[e.kind],
      e.text,
      w.handling[e.handling],
      e.tags.join(' '),
      e.links.join(' '),
      correction,
    ];
  });
  return { fileName: `${w.file}.csv`, body: buildCsv(w.columns, rows) };
}
