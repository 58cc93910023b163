import { describe, expect, it } from 'vitest';
import {
  type BackupCopy,
  type BackupPlanFacts,
  checkDuration,
  dataLossSentence,
  diffCopies,
  evaluateBackupPlan,
  findingWords,
  isEffectivelyOffline,
  summarizeBackupPlans,
} from './backup-plan.js';

const TODAY = '2026-12-07';

const offsiteOffline: BackupCopy = {
  medium: 'removable',
  location: 'other_site',
  connection: 'offline',
  reachableFromProduction: false,
  sameCredentials: false,
  sameMaintenance: false,
  provider: null,
  encrypted: true,
};
const nas: BackupCopy = {
  ...offsiteOffline,
  medium: 'nas',
  location: 'same_building',
  connection: 'online',
  reachableFromProduction: true,
};

/** A plan that passes every rule. */
const good: BackupPlanFacts = {
  method: 'full',
  frequency: { kind: 'every', minutes: 1440 },
  rpoMinutes: 1440,
  production: { medium: 'server', location: 'same_building', provider: null },
  copies: [nas, offsiteOffline],
  restoreTest: { date: '2026-06-01', result: 'success' },
};

const codes = (p: BackupPlanFacts) => evaluateBackupPlan(p, TODAY).findings.map((f) => f.code);

describe('3-2-1', () => {
  it('passes a plan with three copies, two media and one offline off-site copy', () => {
    const v = evaluateBackupPlan(good, TODAY);
    expect(v).toMatchObject({ passes: true, passes321: true, copyCount: 3, mediaCount: 3 });
    expect(v.findings).toEqual([]);
  });

  it('counts production as copy 1: production and one backup are two copies', () => {
    const v = evaluateBackupPlan({ ...good, copies: [offsiteOffline] }, TODAY);
    expect(v.rules.three_copies).toBe(false);
    expect(v.findings[0]).toMatchObject({ code: 'three_copies', params: { count: 2 } });
    expect(v.passes).toBe(false);
  });

  it('fails two media when every copy is on the same kind of medium', () => {
    const sameMedium = { ...good, production: { ...good.production, medium: 'disk' as const } };
    const v = evaluateBackupPlan(
      {
        ...sameMedium,
        copies: [
          { ...nas, medium: 'disk' },
          { ...offsiteOffline, medium: 'disk' },
        ],
      },
      TODAY,
    );
    expect(v.rules).toEqual({ three_copies: true, two_media: false, offline_offsite: true });
    expect(
      codes({
        ...sameMedium,
        copies: [
          { ...nas, medium: 'disk' },
          { ...offsiteOffline, medium: 'disk' },
        ],
      }),
    ).toEqual(['two_media']);
  });

  it('fails the offline off-site rule when the offline copy stays in the building', () => {
    const v = evaluateBackupPlan(
      { ...good, copies: [nas, { ...offsiteOffline, location: 'same_room' }] },
      TODAY,
    );
    expect(v.rules.offline_offsite).toBe(false);
    expect(v.passes321).toBe(false);
  });

  it('fails the offline off-site rule when the off-site copy is online', () => {
    expect(codes({ ...good, copies: [nas, { ...offsiteOffline, connection: 'online' }] })).toEqual([
      'offline_offsite',
    ]);
  });

  it('counts a copy in a provider data centre as off-site', () => {
    expect(
      codes({ ...good, copies: [nas, { ...offsiteOffline, medium: 'cloud', location: 'provider_dc' }] }),
    ).toEqual([]);
  });

  it('names each failed rule in plain words, Japanese and English', () => {
    const v = evaluateBackupPlan({ ...good, copies: [] }, TODAY);
    const ja = v.findings.map((f) => findingWords(f, 'ja').problem);
    expect(ja[0]).toBe('データが本番を含めて1つしかありません。3つ以上必要です。');
    expect(findingWords(v.findings[0]!, 'en').todo).toBe('Keep two backups besides production.');
    expect(v.findings.map((f) => f.code)).toEqual(['three_copies', 'two_media', 'offline_offsite']);
  });
});

describe('correlated failure', () => {
  it("001: a backup PC marked offline but reachable over production's network is not offline", () => {
    const backupPc: BackupCopy = {
      ...offsiteOffline,
      medium: 'disk',
      location: 'other_site',
      reachableFromProduction: true,
    };
    expect(isEffectivelyOffline(backupPc)).toBe(false);
    const v = evaluateBackupPlan({ ...good, copies: [nas, backupPc] }, TODAY);
    expect(v.rules.offline_offsite).toBe(false);
    expect(v.findings.map((f) => [f.code, f.copy])).toEqual([
      ['offline_offsite', undefined],
      ['reachable_not_offline', 3],
    ]);
  });

  it("a copy opened with production's credentials is not offline, even an immutable one", () => {
    const c = { ...offsiteOffline, sameCredentials: true };
    expect(isEffectivelyOffline(c)).toBe(false);
    expect(isEffectivelyOffline({ ...c, connection: 'immutable' })).toBe(false);
    expect(codes({ ...good, copies: [nas, c] })).toEqual(['offline_offsite', 'same_credentials_not_offline']);
  });

  it('an immutable copy on the network still counts as offline', () => {
    const c: BackupCopy = {
      ...offsiteOffline,
      medium: 'cloud',
      location: 'provider_dc',
      connection: 'immutable',
      reachableFromProduction: true,
    };
    expect(isEffectivelyOffline(c)).toBe(true);
    expect(codes({ ...good, copies: [nas, c] })).toEqual([]);
  });

  it('001: an immutable copy with its own credentials counts as offline; off-site is still needed', () => {
    // Offline exists so that ransomware over the network cannot reach the copy. An immutable copy
    // may be reachable, but nothing sent over the network can change or delete it.
    const immutable: BackupCopy = { ...nas, connection: 'immutable', reachableFromProduction: true };
    expect(isEffectivelyOffline(immutable)).toBe(true);
    // In the same building it is offline but not off-site: 3-2-1 still fails.
    expect(codes({ ...good, copies: [nas, immutable] })).toEqual(['offline_offsite']);
    expect(codes({ ...good, copies: [nas, { ...immutable, location: 'other_site' }] })).toEqual([]);
    // An online copy is never offline, whatever else is true of it.
    expect(
      isEffectivelyOffline({ ...offsiteOffline, connection: 'online', reachableFromProduction: false }),
    ).toBe(false);
  });

  it('003: a copy changed by the same maintenance process as production is flagged', () => {
    expect(codes({ ...good, copies: [{ ...nas, sameMaintenance: true }, offsiteOffline] })).toEqual([
      'same_maintenance',
    ]);
  });

  it("003: copies held only by production's provider are flagged, spelled however", () => {
    const hosted = {
      ...good,
      production: {
        medium: 'server' as const,
        location: 'provider_dc' as const,
        provider: 'ABCレンタルサーバ',
      },
    };
    const at = (provider: string | null): BackupCopy => ({
      ...offsiteOffline,
      medium: 'cloud',
      location: 'provider_dc',
      provider,
    });
    const v = evaluateBackupPlan(
      { ...hosted, copies: [at('ABCレンタルサーバ'), at(' ＡＢＣレンタルサーバ ')] },
      TODAY,
    );
    expect(v.findings).toEqual([
      { code: 'same_provider_only', severity: 'fail', params: { provider: 'ABCレンタルサーバ' } },
    ]);
    expect(codes({ ...hosted, copies: [at('ABCレンタルサーバ'), at('別の会社')] })).toEqual([]);
    expect(codes({ ...hosted, copies: [at('ABCレンタルサーバ'), at(null)] })).toEqual([]);
  });

  it('a backup never restore-tested is flagged, with or without a date', () => {
    expect(codes({ ...good, restoreTest: { date: null, result: 'never' } })).toEqual(['restore_never']);
    expect(codes({ ...good, restoreTest: { date: null, result: 'success' } })).toEqual(['restore_never']);
  });

  it("a restore test more than a year before the organization's today is flagged", () => {
    expect(codes({ ...good, restoreTest: { date: '2025-12-07', result: 'success' } })).toEqual([]);
    expect(codes({ ...good, restoreTest: { date: '2025-12-06', result: 'success' } })).toEqual([
      'restore_stale',
    ]);
  });

  it('a failed or partial last restore test is flagged', () => {
    expect(codes({ ...good, restoreTest: { date: '2026-11-01', result: 'failed' } })).toEqual([
      'restore_failed',
    ]);
    expect(codes({ ...good, restoreTest: { date: '2026-11-01', result: 'partial' } })).toEqual([
      'restore_partial',
    ]);
  });

  it('a frequency that cannot meet the RPO is flagged; continuous meets any', () => {
    const v = evaluateBackupPlan({ ...good, rpoMinutes: 240 }, TODAY);
    expect(v.findings).toEqual([
      { code: 'frequency_misses_rpo', severity: 'fail', params: { every: 1440, rpo: 240, gap: 1200 } },
    ]);
    expect(v.passes).toBe(false);
    expect(findingWords(v.findings[0]!, 'ja').problem).toBe(
      'バックアップは1日ごとですが、失ってよいのは4時間分までです。復元すると、最大で20時間分多く失います。',
    );
    expect(findingWords(v.findings[0]!, 'en').problem).toBe(
      'Backups run every 1 day, but at most 4 hours of data may be lost: a restore can lose up to 20 hours more than that.',
    );
    // An RPO in minutes is not worded "30分分".
    const short = evaluateBackupPlan(
      { ...good, rpoMinutes: 30, frequency: { kind: 'every', minutes: 60 } },
      TODAY,
    );
    expect(findingWords(short.findings[0]!, 'ja').problem).toBe(
      'バックアップは1時間ごとですが、失ってよいのは30分までです。復元すると、最大で30分多く失います。',
    );
    expect(codes({ ...good, rpoMinutes: 240, frequency: { kind: 'continuous' } })).toEqual([]);
    expect(codes({ ...good, rpoMinutes: 1440, frequency: { kind: 'every', minutes: 1440 } })).toEqual([]);
  });

  it('the gap is how much more than the RPO a restore can lose; a frequency at or within the RPO passes', () => {
    const every = (minutes: number, rpoMinutes: number) =>
      evaluateBackupPlan({ ...good, rpoMinutes, frequency: { kind: 'every', minutes } }, TODAY).findings;
    expect(every(10_080, 1440)).toEqual([
      { code: 'frequency_misses_rpo', severity: 'fail', params: { every: 10_080, rpo: 1440, gap: 8640 } },
    ]);
    expect(every(61, 60)[0]?.params).toEqual({ every: 61, rpo: 60, gap: 1 });
    expect(every(60, 60)).toEqual([]);
    expect(every(60, 240)).toEqual([]);
  });

  it('a missing RPO is worth knowing but does not fail; a missing frequency does', () => {
    const v = evaluateBackupPlan({ ...good, rpoMinutes: null }, TODAY);
    expect(v.findings).toEqual([{ code: 'rpo_missing', severity: 'info' }]);
    expect(v.passes).toBe(true);
    expect(codes({ ...good, frequency: null })).toEqual(['frequency_missing']);
  });
});

describe('data-loss window in words', () => {
  it('says how much a restore loses, in both languages', () => {
    const v = evaluateBackupPlan(good, TODAY);
    expect(v.dataLoss).toEqual({ kind: 'window', minutes: 1440 });
    expect(dataLossSentence(v.dataLoss, 'ja')).toBe(
      '復元すると、最後のバックアップ後の最大1日分の入力が失われます。その分は紙の記録などから手で入れ直すことになります。',
    );
    expect(dataLossSentence({ kind: 'window', minutes: 1440 * 3 }, 'en')).toContain(
      'up to 3 days of entries',
    );
    expect(dataLossSentence({ kind: 'window', minutes: 60 }, 'en')).toContain('up to 1 hour of');
    expect(dataLossSentence({ kind: 'window', minutes: 360 }, 'ja')).toContain('最大6時間分');
    expect(dataLossSentence({ kind: 'unknown' }, 'ja')).toContain('分かりません');
    expect(dataLossSentence({ kind: 'continuous' }, 'en')).toContain('last few minutes');
  });
});

describe('durations as typed', () => {
  it('refuses negative, fractional, zero and over-long durations', () => {
    expect(checkDuration(-60, ['rpoMinutes'], { zeroAllowed: true })).toEqual({
      path: ['rpoMinutes'],
      code: 'duration_negative',
    });
    expect(checkDuration(1.5, ['x'], { zeroAllowed: true })?.code).toBe('duration_not_integer');
    expect(checkDuration('1日', ['x'], { zeroAllowed: true })?.code).toBe('duration_not_integer');
    expect(checkDuration(0, ['x'], { zeroAllowed: false })?.code).toBe('duration_zero');
    expect(checkDuration(0, ['x'], { zeroAllowed: true })).toBeNull();
    expect(checkDuration(366 * 1440, ['x'], { zeroAllowed: true })?.code).toBe('duration_too_long');
  });
});

describe('organization summary', () => {
  const pass = evaluateBackupPlan(good, TODAY);
  const fail = evaluateBackupPlan({ ...good, copies: [nas] }, TODAY);
  it('counts passing systems by BIA priority and lists the unplanned, highest priority first', () => {
    const s = summarizeBackupPlans(
      [
        { id: '1', name: '会員管理', priority: 'S', verdict: fail },
        { id: '2', name: '会計', priority: 'A', verdict: pass },
        { id: '3', name: '予約', priority: 'S', verdict: null },
        { id: '4', name: '備品台帳', priority: null, verdict: null },
        { id: '5', name: 'メール', priority: 'B', verdict: null },
      ],
      ['S', 'A', 'B', 'C', 'D'],
    );
    expect(s).toMatchObject({ total: 5, planned: 2, passing: 1 });
    expect(s.byPriority).toEqual([
      { priority: 'S', total: 2, planned: 1, passing: 0 },
      { priority: 'A', total: 1, planned: 1, passing: 1 },
      { priority: 'B', total: 1, planned: 0, passing: 0 },
      { priority: 'none', total: 1, planned: 0, passing: 0 },
    ]);
    expect(s.unplanned.map((u) => u.name)).toEqual(['予約', 'メール', '備品台帳']);
    expect(s.topProblems).toEqual([
      { code: 'three_copies', count: 1 },
      { code: 'offline_offsite', count: 1 },
    ]);
  });
});

describe('changes to the copies, for the audit log', () => {
  it('names the copy and the field, before and after; production is copy 1', () => {
    const after = {
      production: { ...good.production, provider: 'さくらクラウド' },
      copies: [{ ...nas, medium: 'cloud' as const, encrypted: false }, offsiteOffline],
    };
    expect(diffCopies(good, after)).toEqual([
      [1, 'provider', null, 'さくらクラウド'],
      [2, 'medium', 'nas', 'cloud'],
      [2, 'encrypted', true, false],
    ]);
    expect(diffCopies(good, good)).toEqual([]);
  });

  it('finds a copy removed or added in the middle without reporting the ones after it', () => {
    const third: BackupCopy = { ...offsiteOffline, medium: 'tape' };
    const three = { ...good, copies: [nas, offsiteOffline, third] };
    expect(diffCopies(three, { ...good, copies: [nas, third] })).toEqual([[3, 'removed', 'removable', null]]);
    expect(diffCopies({ ...good, copies: [nas, third] }, three)).toEqual([[3, 'added', null, 'removable']]);
    expect(diffCopies(good, { ...good, copies: [] })).toEqual([
      [2, 'removed', 'nas', null],
      [3, 'removed', 'removable', null],
    ]);
  });

  it('lists every copy as added when the plan is new', () => {
    expect(diffCopies(null, good)).toEqual([
      [2, 'added', null, 'nas'],
      [3, 'added', null, 'removable'],
    ]);
  });
});
