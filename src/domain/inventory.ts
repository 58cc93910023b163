/**
 * The words of the IT inventory (PRODUCT module 3): its four registers and the codes of their
 * fields. The kinds of node, IT layers, sides and which kind may depend on which are the dependency
 * graph's words (dependency-graph.ts). Pure: no I/O, no zod.
 */

import type { NodeKind, Side } from './dependency-graph.js';
import type { Labels } from './organization.js';

/** The registers as they appear in URLs and file names, one per kind of node. */
export const REGISTERS = ['operations', 'systems', 'components', 'suppliers'] as const;
export type Register = (typeof REGISTERS)[number];

export const REGISTER_NODE_KIND: Readonly<Record<Register, NodeKind>> = {
  operations: 'operation',
  systems: 'system',
  components: 'component',
  suppliers: 'supplier',
};

/** Where a system runs. */
export const HOSTINGS = ['on_premises', 'cloud', 'hosted', 'saas', 'other'] as const;
export type Hosting = (typeof HOSTINGS)[number];

export const SUPPLIER_KINDS = ['vendor', 'cloud', 'isp', 'utility', 'other'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

// The labels below are the words the screen shows (the web's inventory.options texts say the same).

/** The registers' names: the sheet names of an exported workbook. */
export const REGISTER_LABELS: Labels<Register> = {
  operations: { ja: '業務', en: 'Operations' },
  systems: { ja: 'システム', en: 'Systems' },
  components: { ja: '構成要素', en: 'Components' },
  suppliers: { ja: '取引先・クラウド', en: 'Suppliers' },
};

export const HOSTING_LABELS: Labels<Hosting> = {
  on_premises: { ja: '社内に設置', en: 'In our office' },
  cloud: { ja: 'クラウド（IaaS等）', en: 'Cloud (IaaS etc.)' },
  hosted: { ja: 'データセンター・レンタルサーバー', en: 'Data centre / rented server' },
  saas: { ja: 'SaaS（サービスとして利用）', en: 'SaaS (used as a service)' },
  other: { ja: 'その他', en: 'Other' },
};

export const SIDE_LABELS: Labels<Side> = {
  client: { ja: 'クライアント側（利用者の手元）', en: 'Client side (at the user)' },
  server: { ja: 'サーバー側', en: 'Server side' },
};

export const SUPPLIER_KIND_LABELS: Labels<SupplierKind> = {
  vendor: { ja: 'ベンダー・保守会社', en: 'Vendor / maintenance' },
  cloud: { ja: 'クラウドサービス', en: 'Cloud service' },
  isp: { ja: '回線業者（ISP）', en: 'Network provider (ISP)' },
  utility: { ja: '電気・水道などのインフラ', en: 'Utility (power, water …)' },
  other: { ja: 'その他', en: 'Other' },
};

/** The five IT layers (001 §5つのIT構成要素), with their numbers. */
export const LAYER_LABELS: Labels<1 | 2 | 3 | 4 | 5> = {
  1: { ja: '1 建物・設備', en: '1 Building & facilities' },
  2: { ja: '2 インフラ（電源・回線）', en: '2 Infrastructure (power, network)' },
  3: { ja: '3 ハードウェア', en: '3 Hardware' },
  4: { ja: '4 ソフトウェア', en: '4 Software' },
  5: { ja: '5 人', en: '5 People' },
};

/**
 * Columns of each register's file with its header in each language (the import also takes the
 * other language's, the headers of earlier versions in `also`, and any width or spacing). List fields are one cell with items on separate
 * lines; kinds, hostings, sides and layers are the words above; RTOs are words ("3時間", "3 days",
 * "7日以上", "リスク受容"): see rto-text.ts.
 */
const DESCRIPTION_COLUMN = {
  field: 'description',
  ja: '説明',
  en: 'Description',
  also: ['description'],
} as const;
const DEPENDENCY_LEVEL_COLUMN = {
  field: 'dependencyLevel',
  ja: 'システム依存度',
  en: 'Reliance on systems',
  also: ['dependency_level'],
} as const;
const DECLARED_RTO_COLUMN = {
  field: 'declaredRto',
  ja: '復旧見込み時間',
  en: 'Expected recovery time',
  also: ['実際に戻せる時間', 'recoverable_within'],
} as const;

export const INVENTORY_FILE_COLUMNS = {
  operations: [
    { field: 'name', ja: '業務名', en: 'Operation', also: ['name'] },
    DESCRIPTION_COLUMN,
    { field: 'ownerText', ja: '責任者', en: 'Owner', also: ['owner'] },
    { field: 'importance', ja: '業務重要度', en: 'Importance', also: ['importance'] },
    DEPENDENCY_LEVEL_COLUMN,
    {
      field: 'rtoOverride',
      ja: '目標復旧時間（個別）',
      en: 'Target recovery time (own value)',
      also: ['rto_override'],
    },
    { field: 'needsData', ja: '必要なデータ', en: 'Data needed', also: ['needs_data'] },
    { field: 'needsTerminals', ja: '必要な端末', en: 'Devices needed', also: ['needs_terminals'] },
    { field: 'needsProcedureManuals', ja: '手順書', en: 'Procedure manuals', also: ['procedure_manuals'] },
    { field: 'needsUserManuals', ja: '利用マニュアル', en: 'User manuals', also: ['user_manuals'] },
  ],
  systems: [
    { field: 'name', ja: 'システム名', en: 'System', also: ['name'] },
    DESCRIPTION_COLUMN,
    { field: 'ownerText', ja: '管理者', en: 'Administrator', also: ['owner'] },
    { field: 'vendor', ja: 'ベンダー', en: 'Vendor', also: ['vendor'] },
    { field: 'hosting', ja: '設置形態', en: 'Hosting', also: ['hosting'] },
    { field: 'dataLocation', ja: 'データの保存場所', en: 'Where the data is kept', also: ['data_location'] },
    { field: 'eolDate', ja: 'サポート終了日', en: 'End of support', also: ['eol_date'] },
    DEPENDENCY_LEVEL_COLUMN,
    DECLARED_RTO_COLUMN,
  ],
  components: [
    { field: 'name', ja: '構成要素名', en: 'Component', also: ['name'] },
    DESCRIPTION_COLUMN,
    { field: 'layer', ja: 'レイヤー', en: 'Layer', also: ['layer'] },
    { field: 'side', ja: 'クライアント/サーバー', en: 'Client / server', also: ['side'] },
    DECLARED_RTO_COLUMN,
  ],
  suppliers: [
    { field: 'name', ja: '取引先名', en: 'Supplier', also: ['name'] },
    DESCRIPTION_COLUMN,
    { field: 'kind', ja: '種別', en: 'Kind', also: ['kind'] },
    { field: 'contact', ja: '連絡先', en: 'Contact', also: ['contact'] },
    { field: 'contractNotes', ja: '契約メモ', en: 'Contract notes', also: ['contract_notes'] },
    DECLARED_RTO_COLUMN,
  ],
} as const satisfies Record<
  Register,
  readonly { field: string; ja: string; en: string; also: readonly string[] }[]
>;

/** A column's field in one register's file. */
export type InventoryFileField = (typeof INVENTORY_FILE_COLUMNS)[Register][number]['field'];
