import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditListResponse } from '../../../shared/audit.js';
import { applyLanguage } from '../../i18n/index.js';
import { fakeApi, renderInApp } from '../../test/render.js';
import { AuditPage } from './audit-page.js';

/**
 * The audit page as an owner reads it: a sentence naming the record, and behind it only what
 * changed, in words (names, labels, yen, dates, yes/no), never ids, codes or versions.
 */

const YAMADA = '01a24de3-0000-7000-8000-000000000001';
const SATO = '01a24de3-0000-7000-8000-000000000002';

const base = {
  seq: 1,
  at: '2026-12-01T01:00:00.000Z',
  actor: { id: 'u1', displayName: 'Owner Okada' },
  entityId: 'x',
  summary: {},
  details: [],
  names: {},
} satisfies Partial<AuditEntry>;

const operationUpdate: AuditEntry = {
  ...base,
  id: 'e1',
  seq: 3,
  action: 'operation.update',
  entityType: 'operation',
  entityName: '入館受付',
  changes: [
    { field: 'ownerPersonId', before: YAMADA, after: SATO },
    { field: 'importance', before: 3, after: 2 },
    { field: 'rtoOverride', before: null, after: { kind: 'duration', minutes: 180 } },
  ],
  names: { [YAMADA]: '山田 太郎', [SATO]: '佐藤 花子' },
};

const damageCreate: AuditEntry = {
  ...base,
  id: 'e2',
  seq: 2,
  action: 'damage.create',
  entityType: 'damage_estimate',
  entityName: '会員情報漏えい',
  changes: [
    { field: 'totalYen', after: 35_700_000 },
    { field: 'amounts', after: { compensation: 1_000_000 } },
  ],
};

const checklistAndTask: AuditEntry = {
  ...base,
  id: 'e3',
  seq: 1,
  action: 'task.update',
  entityType: 'diagnosis_task',
  entityName: '<b>台帳</b>',
  changes: [
    { field: 'status', before: 'open', after: 'done' },
    { field: 'dueDate', before: null, after: '2027-03-31' },
    { field: 'done', before: false, after: true },
  ],
};

const backupPlanUpdate: AuditEntry = {
  ...base,
  id: 'e4',
  seq: 4,
  action: 'backup_plan.update',
  entityType: 'backup_plan',
  entityName: '会員管理システム',
  changes: [{ field: 'copies', before: 3, after: 4 }],
  details: [
    {
      field: 'copyChanges',
      value: [
        [1, 'provider', null, 'さくらクラウド'],
        [2, 'connection', 'online', 'immutable'],
        [2, 'sameCredentials', true, false],
        [4, 'added', null, 'tape'],
        [3, 'removed', 'nas', null],
      ],
    },
  ],
};

function serve(items: AuditEntry[]) {
  return fakeApi({
    'GET /audit?limit=50': { body: { items, nextCursor: null } satisfies AuditListResponse },
    'GET /audit/actors': { body: { items: [{ id: 'u1', displayName: 'Owner Okada' }] } },
  });
}

const entryButton = (name: RegExp) => screen.getByRole('button', { name });

describe('AuditPage', () => {
  it('titles each entry as a sentence naming its record', async () => {
    serve([operationUpdate, damageCreate]);
    await renderInApp(<AuditPage />, { permissions: ['audit.read'] });
    expect(await screen.findByText('Changed the operation “入館受付”')).toBeVisible();
    expect(screen.getByText('Created the damage estimate “会員情報漏えい”')).toBeVisible();
    expect(screen.queryByText('operation.update')).toBeNull();

    await act(() => applyLanguage('ja'));
    expect(await screen.findByText('業務『入館受付』を変更しました')).toBeVisible();
    await act(() => applyLanguage('en'));
  });

  it('shows what changed with field labels, names instead of ids and values in words', async () => {
    serve([operationUpdate, damageCreate, checklistAndTask]);
    await renderInApp(<AuditPage />, { permissions: ['audit.read'] });
    const user = userEvent.setup();

    await user.click(await screen.findByText('Changed the operation “入館受付”'));
    const changes = await screen.findByRole('region', { name: 'What changed' });
    expect(within(changes).getByText('Owner')).toBeVisible();
    expect(within(changes).getByText('山田 太郎 → 佐藤 花子')).toBeVisible();
    expect(within(changes).getByText('Importance')).toBeVisible();
    expect(within(changes).getByText('Level 3 → Level 2')).toBeVisible();
    expect(within(changes).getByText('(none) → 3 hours')).toBeVisible();
    expect(changes.textContent).not.toContain(YAMADA);

    await user.click(screen.getByText('Created the damage estimate “会員情報漏えい”'));
    // The entry unfolds with a transition: visible once it ends.
    await waitFor(() => expect(screen.getByText(/^(JP)?¥35,700,000$/)).toBeVisible());
    expect(screen.getByText(/^Compensation: (JP)?¥1,000,000$/)).toBeVisible();

    await user.click(entryButton(/Changed the task/));
    await waitFor(() => expect(screen.getByText('Not started → Done')).toBeVisible());
    expect(screen.getByText('(none) → 31 Mar 2027')).toBeVisible();
    expect(screen.getByText('No → Yes')).toBeVisible();
    // A name is text, never markup.
    expect(screen.getByText('Changed the task “<b>台帳</b>”')).toBeVisible();
  });

  it('says which copy of a backup plan changed, which field, before and after', async () => {
    serve([backupPlanUpdate]);
    await renderInApp(<AuditPage />, { permissions: ['audit.read'] });
    const user = userEvent.setup();
    await user.click(await screen.findByText('Changed backup plan “会員管理システム”'));
    const details = await screen.findByRole('region', { name: 'Details' });
    expect(within(details).getByText('Changes to the copies (copy 1 is production)')).toBeTruthy();
    const lines = details.querySelector('dd')?.textContent?.split('\n');
    expect(lines).toEqual([
      'Copy 1, provider: (none) → さくらクラウド',
      'Copy 2, connection: Online (always connected) → Immutable (cannot be changed or deleted)',
      'Copy 2, same account as production: Yes → No',
      'Copy 4 added (Tape)',
      'Copy 3 removed (NAS)',
    ]);

    await act(() => applyLanguage('ja'));
    expect(await screen.findByText(/写し2の本番と同じアカウント：はい → いいえ/)).toBeTruthy();
    expect(screen.getByText(/写し4を追加（テープ）/)).toBeTruthy();
    await act(() => applyLanguage('en'));
  });

  it('filters by module, record type, person, dates and free text', async () => {
    const { sent } = fakeApi({
      'GET /audit?limit=50': { body: { items: [], nextCursor: null } },
      'GET /audit/actors': { body: { items: [{ id: 'u1', displayName: 'Owner Okada' }] } },
      'GET /audit?limit=50&q=%E5%85%A5%E9%A4%A8': { body: { items: [operationUpdate], nextCursor: null } },
    });
    await renderInApp(<AuditPage />, { permissions: ['audit.read'] });
    expect(await screen.findByText('No entries match.')).toBeVisible();
    for (const label of ['Module', 'Record type', 'Who', 'From (date)', 'To (date)']) {
      expect(screen.getAllByLabelText(label).length).toBeGreaterThan(0);
    }
    await userEvent.setup().type(screen.getByLabelText('Search'), '入館');
    // Sent once typing pauses (300 ms), so allow for a slow machine.
    expect(
      await screen.findByText('Changed the operation “入館受付”', undefined, { timeout: 5000 }),
    ).toBeVisible();
    expect(sent.filter((r) => r.path.startsWith('/audit?')).map((r) => r.path)).toEqual([
      '/audit?limit=50',
      '/audit?limit=50&q=%E5%85%A5%E9%A4%A8',
    ]);
  });
});
