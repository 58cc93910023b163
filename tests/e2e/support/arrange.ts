import type { ApiClient } from './api.js';

/** A site, a department and one person in both, with mail and phone. */
export async function arrangeStaff(api: ApiClient): Promise<void> {
  const site = await api.call<{ id: string }>('POST', '/sites', { name: '岡山本社', kind: 'head_office' });
  const department = await api.call<{ id: string }>('POST', '/departments', { name: '総務部' });
  await api.call('POST', '/people', {
    name: STAFF.person,
    nameKana: 'サトウ イチロウ',
    email: 'ichiro@example.jp',
    phone: '086-000-0001',
    siteId: site.id,
    departmentId: department.id,
  });
}

/** The person {@link arrangeStaff} adds. */
export const STAFF = { person: '佐藤 一郎' } as const;

/** Names of what {@link arrangeSmallBia} made, for the specs to find on the pages. */
export const SMALL_BIA = {
  operation: '会員の入会受付',
  system: 'ファイルサーバー',
  component: 'NAS（共有ファイル保存）',
  supplier: '岡山システム保守',
  estimate: '会員情報の漏えい',
} as const;

/**
 * A small BIA with one inversion (the NAS promises 1 day, the file server is needed at once) and
 * a damage estimate for its operation, so the module pages show their tables and graph.
 */
export async function arrangeSmallBia(api: ApiClient): Promise<void> {
  const item = (register: string, body: object) =>
    api.call<{ id: string }>('POST', `/inventory/${register}`, body);
  const link = (fromType: string, fromId: string, toType: string, toId: string) =>
    api.call('POST', '/inventory/edges', { fromType, fromId, toType, toId });
  const vendor = await item('suppliers', { name: SMALL_BIA.supplier, kind: 'vendor' });
  const nas = await item('components', {
    name: SMALL_BIA.component,
    layer: 3,
    side: 'server',
    declaredRto: { kind: 'duration', minutes: 1440 },
  });
  const files = await item('systems', { name: SMALL_BIA.system, dependencyLevel: 3 });
  const signup = await item('operations', { name: SMALL_BIA.operation, importance: 3 });
  await link('component', nas.id, 'supplier', vendor.id);
  await link('system', files.id, 'component', nas.id);
  await link('operation', signup.id, 'system', files.id);
  await api.call('POST', '/damage/estimates', {
    name: SMALL_BIA.estimate,
    annualSalesYen: 300_000_000,
    amounts: { compensation: 1_000_000, investigation_recovery: 16_500_000 },
    operationId: signup.id,
  });
}
