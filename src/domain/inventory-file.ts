/**
 * The inventory registers' files in the user's words: the header row, each cell read into the
 * value the API takes (a screen label, either language's word or the code all name the same
 * hosting, side, layer or supplier kind), the owner cell linked to a person of the directory when
 * the name is one, and each value written back as the screen shows it. Pure: no I/O.
 */

import { SIDES } from './dependency-graph.js';
import {
  HOSTING_LABELS,
  HOSTINGS,
  INVENTORY_FILE_COLUMNS,
  type InventoryFileField,
  LAYER_LABELS,
  type Register,
  SIDE_LABELS,
  SUPPLIER_KIND_LABELS,
  SUPPLIER_KINDS,
} from './inventory.js';
import type { Locale } from './organization.js';
import type { Rto } from './rto.js';
import { formatRtoCell, parseRtoCell } from './rto-text.js';
import { type HeaderMapping, lookupKey, mapHeaderRow, type RowError, wordReader } from './spreadsheet.js';

// --- Headers ---

/**
 * The field of each column of a register's file; headers in Japanese or English, any width.
 * @example mapInventoryHeaders('systems', ['システム名', 'Hosting']) // { ok: true, fields: ['name', 'hosting'] }
 */
export function mapInventoryHeaders(
  register: Register,
  header: readonly string[],
): HeaderMapping<InventoryFileField> {
  const columns = INVENTORY_FILE_COLUMNS[register];
  const aliases: Partial<Record<InventoryFileField, string[]>> = {};
  for (const c of columns) aliases[c.field] = [c.ja, c.en, ...c.also];
  const [name] = columns;
  return mapHeaderRow(header, aliases, 'name', name.ja);
}

// --- Words of the lists ---

const labelWords = (l: { ja: string; en: string }, more: readonly string[] = []) => [l.ja, l.en, ...more];

const readHosting = wordReader(
  HOSTINGS.map((h) => [
    h,
    labelWords(
      HOSTING_LABELS[h],
      {
        on_premises: ['社内', 'オンプレミス', 'オンプレ', 'on-premises', 'on premise', 'in office'],
        cloud: ['クラウド', 'IaaS'],
        hosted: ['データセンター', 'レンタルサーバー', 'ホスティング', 'data center', 'rented server'],
        saas: [],
        other: [],
      }[h],
    ),
  ]),
);

const readSide = wordReader(
  SIDES.map((s) => [
    s,
    labelWords(SIDE_LABELS[s], { client: ['クライアント', '利用者側'], server: ['サーバー', 'サーバ'] }[s]),
  ]),
);

const readSupplierKind = wordReader(
  SUPPLIER_KINDS.map((k) => [
    k,
    labelWords(
      SUPPLIER_KIND_LABELS[k],
      {
        vendor: ['ベンダー', '保守会社', 'メーカー', 'maintenance'],
        cloud: ['クラウド', 'cloud'],
        isp: ['回線業者', 'プロバイダ', 'プロバイダー', 'network provider'],
        utility: ['インフラ', 'ユーティリティ'],
        other: [],
      }[k],
    ),
  ]),
);

const LAYERS = [1, 2, 3, 4, 5] as const;
// "3 ハードウェア", "ハードウェア", "3" and "Hardware" all name layer 3.
const readLayer = wordReader(
  LAYERS.map((n) => [
    n,
    [...labelWords(LAYER_LABELS[n]), ...labelWords(LAYER_LABELS[n]).map((w) => w.replace(/^\d+\s*/, ''))],
  ]),
);

const READERS: Partial<Record<InventoryFileField, (word: string) => string | number | undefined>> = {
  hosting: readHosting,
  side: readSide,
  kind: readSupplierKind,
  layer: readLayer,
};

// --- Cells ---

const LIST_FIELDS: ReadonlySet<InventoryFileField> = new Set([
  'needsData',
  'needsTerminals',
  'needsProcedureManuals',
  'needsUserManuals',
]);
const LEVEL_FIELDS: ReadonlySet<InventoryFileField> = new Set(['importance', 'dependencyLevel']);
const RTO_FIELDS: ReadonlySet<InventoryFileField> = new Set(['rtoOverride', 'declaredRto']);

export interface InventoryCells {
  /** The row as the API's create schema takes it (the schema then checks lengths and ranges). */
  input: Record<string, unknown>;
  errors: RowError[];
}

/**
 * One data row read into API values. A list cell holds one item per line; a level is a number
 * (full-width digits too); a recovery time is words; a list's value is a word of that list. A
 * cell that cannot be read is a row error on its field and left out of the input.
 * @example readInventoryCells(['name', 'hosting'], ['会計', 'ＳａａＳ'], 2).input // { name: '会計', hosting: 'saas' }
 */
export function readInventoryCells(
  fields: readonly (InventoryFileField | null)[],
  cells: readonly string[],
  row: number,
): InventoryCells {
  const input: Record<string, unknown> = {};
  const errors: RowError[] = [];
  fields.forEach((field, c) => {
    if (!field) return;
    const text = (cells[c] ?? '').trim();
    if (LIST_FIELDS.has(field)) {
      input[field] = text
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      return;
    }
    if (RTO_FIELDS.has(field)) {
      const read = parseRtoCell(text);
      if (read.ok) input[field] = read.rto;
      else errors.push({ row, field, code: read.code, ...(read.params ? { params: read.params } : {}) });
      return;
    }
    if (text === '') {
      input[field] = field === 'name' ? '' : null;
      return;
    }
    const reader = READERS[field];
    if (reader) {
      const code = reader(text);
      if (code === undefined) errors.push({ row, field, code: 'choice_unknown' });
      else input[field] = code;
      return;
    }
    if (LEVEL_FIELDS.has(field)) {
      const n = text.normalize('NFKC');
      input[field] = /^-?\d+(\.\d+)?$/.test(n) ? Number(n) : text;
      return;
    }
    input[field] = text;
  });
  return { input, errors };
}

/**
 * A value as the exported cell shows it, in the language asked for: the screen's label of a
 * list's code, a recovery time in words, a list one item per line.
 * @example inventoryCell('hosting', 'saas', 'ja') // 'SaaS（サービスとして利用）'
 */
export function inventoryCell(field: InventoryFileField, value: unknown, lang: Locale): string {
  if (value === null || value === undefined) return '';
  if (RTO_FIELDS.has(field)) return formatRtoCell(value as Rto, lang);
  if (Array.isArray(value)) return value.join('\n');
  if (field === 'hosting') return labelOf(HOSTING_LABELS, value, lang);
  if (field === 'side') return labelOf(SIDE_LABELS, value, lang);
  if (field === 'kind') return labelOf(SUPPLIER_KIND_LABELS, value, lang);
  if (field === 'layer') return labelOf(LAYER_LABELS, value, lang);
  return String(value);
}

function labelOf<C extends string | number>(
  labels: Readonly<Record<C, { ja: string; en: string }>>,
  code: unknown,
  lang: Locale,
): string {
  const found = Object.entries<{ ja: string; en: string }>(labels).find(([c]) => c === String(code));
  return found ? found[1][lang] : String(code);
}

// --- Owner ---

/** The directory's people by name (lookupKey), each with whether they are still active. */
export type PeopleByName = ReadonlyMap<string, readonly { id: string; active: boolean }[]>;

/**
 * Who an owner cell names. The person the row already links to, when the cell is that person's
 * name (so an exported file imports back unchanged); else the one active person of that name;
 * else free text (no such person, or two of the same name). `ownerText` undefined: left as stored.
 * @example ownerOf('受付 花子', new Map([['受付 花子', [{ id: 'p1', active: true }]]]), null) // { ownerPersonId: 'p1', ownerText: null }
 */
export function ownerOf(
  text: string | null,
  people: PeopleByName,
  currentPersonId: string | null,
): { ownerPersonId: string | null; ownerText?: string | null } {
  if (!text) return { ownerPersonId: null, ownerText: null };
  const named = people.get(lookupKey(text)) ?? [];
  if (currentPersonId !== null && named.some((p) => p.id === currentPersonId))
    return { ownerPersonId: currentPersonId };
  const active = named.filter((p) => p.active);
  const [only] = active;
  if (only && active.length === 1) return { ownerPersonId: only.id, ownerText: null };
  return { ownerPersonId: null, ownerText: text };
}
