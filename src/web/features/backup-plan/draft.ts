import {
  type BackupConnection,
  type BackupFrequency,
  type BackupLocation,
  type BackupMedium,
  type BackupMethod,
  type BackupPlanFacts,
  checkDuration,
  durationParts,
  type RestoreResult,
} from '../../../domain/backup-plan.js';
import type { BackupPlan, BackupPlanInput } from '../../../shared/backup-plan.js';

/** A duration as typed: a number as text and its unit. */
export interface DurationDraft {
  amount: string;
  unit: 'hours' | 'days';
}

export interface CopyDraft {
  /** Stable key while copies are added and removed. */
  key: string;
  medium: BackupMedium | null;
  location: BackupLocation;
  connection: BackupConnection;
  reachableFromProduction: boolean;
  sameCredentials: boolean;
  sameMaintenance: boolean;
  provider: string;
  encrypted: boolean;
}

export interface PlanDraft {
  target: 'system' | 'data_set';
  systemId: string | null;
  dataSetName: string;
  method: BackupMethod;
  frequencyMode: 'every' | 'continuous' | 'none';
  frequency: DurationDraft;
  rpo: DurationDraft;
  production: { medium: BackupMedium; location: BackupLocation; provider: string };
  copies: CopyDraft[];
  restoreTestedOn: string;
  restoreResult: RestoreResult;
  restoreNote: string;
  note: string;
}

let keys = 0;
const nextKey = () => `copy-${++keys}`;

export function newCopy(): CopyDraft {
  return {
    key: nextKey(),
    medium: null,
    location: 'same_building',
    connection: 'online',
    reachableFromProduction: false,
    sameCredentials: false,
    sameMaintenance: false,
    provider: '',
    encrypted: false,
  };
}

function durationDraft(minutes: number | null): DurationDraft {
  if (minutes === null) return { amount: '', unit: 'hours' };
  const p = durationParts(minutes);
  if (p.unit === 'days') return { amount: String(p.amount), unit: 'days' };
  return { amount: String(minutes / 60), unit: 'hours' };
}

export function newDraft(systemId: string | null): PlanDraft {
  return {
    target: 'system',
    systemId,
    dataSetName: '',
    method: 'full',
    frequencyMode: 'every',
    frequency: { amount: '1', unit: 'days' },
    rpo: { amount: '', unit: 'hours' },
    production: { medium: 'server', location: 'same_building', provider: '' },
    copies: [],
    restoreTestedOn: '',
    restoreResult: 'never',
    restoreNote: '',
    note: '',
  };
}

export function draftOf(p: BackupPlan): PlanDraft {
  return {
    target: p.systemId ? 'system' : 'data_set',
    systemId: p.systemId,
    dataSetName: p.dataSetName ?? '',
    method: p.method,
    frequencyMode: p.frequency === null ? 'none' : p.frequency.kind,
    frequency: durationDraft(p.frequency?.kind === 'every' ? p.frequency.minutes : null),
    rpo: durationDraft(p.rpoMinutes),
    production: { ...p.production, provider: p.production.provider ?? '' },
    copies: p.copies.map((c) => ({ ...c, key: nextKey(), provider: c.provider ?? '' })),
    restoreTestedOn: p.restoreTestedOn ?? '',
    restoreResult: p.restoreResult,
    restoreNote: p.restoreNote ?? '',
    note: p.note ?? '',
  };
}

/**
 * Minutes of a typed duration: null when empty, else the number × its unit, or a problem code
 * (not a number, negative, zero, too long) the form shows under the field.
 */
function readDuration(
  d: DurationDraft,
  zeroAllowed: boolean,
): { minutes: number | null } | { problem: string } {
  const text = d.amount.normalize('NFKC').trim();
  if (text === '') return { minutes: null };
  if (!/^-?\d+(\.\d+)?$/.test(text)) return { problem: 'duration_unreadable' };
  const minutes = Number(text) * (d.unit === 'days' ? 1440 : 60);
  const p = checkDuration(Math.round(minutes) === minutes ? minutes : Number.NaN, [], { zeroAllowed });
  return p ? { problem: p.code } : { minutes };
}

/** Problems the form finds before sending, by field path ('frequency', 'copies.1.medium'). */
export function draftProblems(d: PlanDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.frequencyMode === 'every') {
    const f = readDuration(d.frequency, false);
    if ('problem' in f) out.frequency = f.problem;
    else if (f.minutes === null) out.frequency = 'required';
  }
  const r = readDuration(d.rpo, true);
  if ('problem' in r) out.rpoMinutes = r.problem;
  if (d.target === 'system' && !d.systemId) out.systemId = 'target_missing';
  if (d.target === 'data_set' && !d.dataSetName.trim()) out.dataSetName = 'required';
  d.copies.forEach((c, i) => {
    if (c.medium === null) out[`copies.${i}.medium`] = 'medium_missing';
  });
  return out;
}

const minutesOf = (d: DurationDraft, zeroAllowed: boolean): number | null => {
  const r = readDuration(d, zeroAllowed);
  return 'minutes' in r ? r.minutes : null;
};

function frequencyOf(d: PlanDraft): BackupFrequency | null {
  if (d.frequencyMode === 'continuous') return { kind: 'continuous' };
  if (d.frequencyMode === 'none') return null;
  const m = minutesOf(d.frequency, false);
  return m === null ? null : { kind: 'every', minutes: m };
}

/** The draft as the rules read it, for the verdict that updates while typing. */
export function factsOf(d: PlanDraft): BackupPlanFacts {
  return {
    method: d.method,
    frequency: frequencyOf(d),
    rpoMinutes: minutesOf(d.rpo, true),
    production: { ...d.production, provider: d.production.provider.trim() || null },
    copies: d.copies
      .filter((c): c is CopyDraft & { medium: BackupMedium } => c.medium !== null)
      .map(({ key: _key, ...c }) => ({ ...c, provider: c.provider.trim() || null })),
    restoreTest: { date: d.restoreTestedOn || null, result: d.restoreResult },
  };
}

/** The request body. */
export function inputOf(d: PlanDraft): BackupPlanInput {
  return {
    systemId: d.target === 'system' ? d.systemId : null,
    dataSetName: d.target === 'data_set' ? d.dataSetName.trim() : null,
    method: d.method,
    frequency: frequencyOf(d),
    rpoMinutes: minutesOf(d.rpo, true),
    production: { ...d.production, provider: d.production.provider.trim() || null },
    copies: d.copies.map(({ key: _key, ...c }) => ({ ...c, provider: c.provider.trim() || null })),
    restoreTestedOn: d.restoreTestedOn || null,
    restoreResult: d.restoreResult,
    restoreNote: d.restoreNote.trim() || null,
    note: d.note.trim() || null,
  };
}
