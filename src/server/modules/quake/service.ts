/**
 * The earthquake trigger (PRODUCT module 11, 安否確認の自動起動): an organization's settings, the
 * reports it receives (pushed, or read from a feed by worker.ts) and what the rule of
 * domain/quake-trigger.ts decides for each earthquake. When the rule fires after its hold, a real
 * incident of type earthquake is declared with the prefectures that reached the threshold, and
 * either the HQ is asked to confirm the safety requests (a pending confirmation on the incident
 * and on the home page) or, with auto-send, hooks.ts's onQuakeIncident is called at once.
 */
import { parseQuakeReport } from '../../../domain/jma-quake.js';
import { prefectureByCode } from '../../../domain/prefectures.js';
import {
  applyReport,
  QUAKE_DEFAULTS,
  type QuakeConfirmation,
  type QuakeSendMode,
  releaseIfDue,
  type TriggerOutcome,
  type TriggerState,
} from '../../../domain/quake-trigger.js';
import { intensityLabel, type SeismicIntensity, strongest } from '../../../domain/seismic-intensity.js';
import type { QuakeEvent, QuakeSettings, QuakeSettingsUpdate } from '../../../shared/quake.js';
import type { Db } from '../../db/database.js';
import type { QuakeEventRow, QuakeSettingsRow } from '../../db/schema.js';
import { audited } from '../../db/tx.js';
import { conflict, notFound, stale, unauthenticated, unprocessable } from '../../errors.js';
import { newId, newToken, sha256Hex } from '../../ids.js';
import type { EventBus } from '../../realtime/event-bus.js';
import {
  addIncident,
  addPrefectures,
  appendEntry,
  appendIncidentEvent,
  touchedSystems,
} from '../incidents/index.js';
import type { OrgActor } from '../types.js';
import { onQuakeIncident } from './hooks.js';
import * as repo from './repo.js';

type Q = Db['kysely'];
interface Log {
  error(obj: object, msg: string): void;
}
/** What the trigger needs: the database, the live screens' bus, a logger. */
export interface QuakeDeps {
  db: Db;
  bus: EventBus;
  log?: Log;
}

// --- settings -----------------------------------------------------------------------------------

/**
 * The push endpoint's address as a sender outside must use it: from the configured public address
 * (BASE_URL), never from how the browser reached the server (a proxy or localhost would show a
 * wrong one). Null when BASE_URL is not set: the screen then says what to set.
 * @example pushUrlOf('https://bcp.example.jp/', '/api/v1') // 'https://bcp.example.jp/api/v1/quake/reports'
 */
export function pushUrlOf(publicBaseUrl: string | null, apiPrefix: string): string | null {
  return publicBaseUrl ? `${publicBaseUrl.replace(/\/+$/, '')}${apiPrefix}/quake/reports` : null;
}

function presentSettings(row: QuakeSettingsRow | undefined, pushUrl: string | null): QuakeSettings {
  if (!row)
    return {
      enabled: false,
      threshold: QUAKE_DEFAULTS.threshold,
      holdMinutes: QUAKE_DEFAULTS.holdMinutes,
      sendMode: QUAKE_DEFAULTS.sendMode,
      feedUrl: null,
      hasPushToken: false,
      pushUrl,
      version: 0,
    };
  return {
    enabled: row.enabled === 1,
    threshold: row.threshold as SeismicIntensity,
    holdMinutes: row.hold_minutes,
    sendMode: row.send_mode as QuakeSendMode,
    feedUrl: row.feed_url,
    hasPushToken: row.push_token_hash !== null,
    pushUrl,
    version: row.version,
  };
}

export async function getSettings(db: Q, orgId: string, pushUrl: string | null): Promise<QuakeSettings> {
  return presentSettings(await repo.findSettings(db, orgId), pushUrl);
}

const auditable = (s: QuakeSettings) => ({
  enabled: s.enabled,
  threshold: s.threshold,
  holdMinutes: s.holdMinutes,
  sendMode: s.sendMode,
  feedUrl: s.feedUrl,
});

/** Saves the settings at the version the editor read (0: never saved). */
export async function saveSettings(
  db: Db,
  actor: OrgActor,
  version: number,
  input: QuakeSettingsUpdate,
  pushUrl: string | null,
): Promise<QuakeSettings> {
  const now = new Date().toISOString();
  await audited(db, actor, async (tx) => {
    const before = await repo.findSettings(tx.trx, actor.orgId);
    if ((before?.version ?? 0) !== version) throw stale();
    const values = {
      enabled: input.enabled ? 1 : 0,
      threshold: input.threshold,
      hold_minutes: input.holdMinutes,
      send_mode: input.sendMode,
      feed_url: input.feedUrl,
      updated_at: now,
    };
    if (!before)
      await repo.insertSettings(tx.trx, {
        org_id: actor.orgId,
        push_token_hash: null,
        version: 1,
        ...values,
      });
    else if (!(await repo.updateSettings(tx.trx, actor.orgId, version, values))) throw stale();
    await tx.audit({
      action: 'quake.settings_update',
      entityType: 'quake_settings',
      entityId: actor.orgId,
      before: before ? auditable(presentSettings(before, pushUrl)) : null,
      after: auditable({ ...presentSettings(before, pushUrl), ...input }),
    });
  });
  return getSettings(db.kysely, actor.orgId, pushUrl);
}

/** A new push token (the old one stops working); shown once, only its hash is kept. */
export async function renewPushToken(db: Db, actor: OrgActor): Promise<{ token: string }> {
  const token = `kq_${newToken()}`;
  await audited(db, actor, async (tx) => {
    const row = await repo.findSettings(tx.trx, actor.orgId);
    if (!row)
      await repo.insertSettings(tx.trx, {
        org_id: actor.orgId,
        enabled: 0,
        threshold: QUAKE_DEFAULTS.threshold,
        hold_minutes: QUAKE_DEFAULTS.holdMinutes,
        send_mode: QUAKE_DEFAULTS.sendMode,
        feed_url: null,
        push_token_hash: sha256Hex(token),
        version: 1,
        updated_at: new Date().toISOString(),
      });
    else if (
      !(await repo.updateSettings(tx.trx, actor.orgId, row.version, {
        push_token_hash: sha256Hex(token),
        updated_at: new Date().toISOString(),
      }))
    )
      throw stale();
    await tx.audit({ action: 'quake.token_renew', entityType: 'quake_settings', entityId: actor.orgId });
  });
  return { token };
}

// --- reports -----------------------------------------------------------------------------------

function presentEvent(row: QuakeEventRow): QuakeEvent {
  const state = JSON.parse(row.state) as TriggerState;
  const best = new Map<string, SeismicIntensity>();
  for (const c of Object.values(state.contributions))
    for (const m of c?.matched ?? [])
      best.set(m.prefecture, strongest([best.get(m.prefecture) ?? null, m.maxIntensity]) ?? m.maxIntensity);
  return {
    id: row.id,
    eventId: row.event_id,
    headline: row.headline,
    phase: state.phase,
    sendAt: row.send_at,
    incidentId: row.incident_id,
    confirmation: row.confirmation as QuakeConfirmation | null,
    prefectures: [...best]
      .map(([prefecture, maxIntensity]) => ({ prefecture, maxIntensity }))
      .sort((a, b) => a.prefecture.localeCompare(b.prefecture)),
    updatedAt: row.updated_at,
  };
}

export async function listEvents(
  db: Q,
  orgId: string,
  incidentId?: string,
): Promise<{ items: QuakeEvent[] }> {
  return { items: (await repo.listEvents(db, orgId, incidentId)).map(presentEvent) };
}

/** The push endpoint: the organization is the one whose token the sender gave. */
export async function pushReport(deps: QuakeDeps, token: string | undefined, xml: string, now = new Date()) {
  if (!token || token.length > 200) throw unauthenticated('quake_token_invalid');
  const settings = await repo.findSettingsByTokenHash(deps.db.kysely, sha256Hex(token));
  if (!settings) throw unauthenticated('quake_token_invalid');
  if (settings.enabled !== 1) throw conflict('quake_trigger_off');
  return receiveReport(deps, settings, xml, now);
}

/** Reads one report for one organization and acts on the rule's decision. */
export async function receiveReport(
  deps: QuakeDeps,
  settings: QuakeSettingsRow,
  xml: string,
  now = new Date(),
): Promise<{ action: string }> {
  const parsed = parseQuakeReport(xml);
  if (!parsed.ok) throw unprocessable('quake_report_refused', { params: { reason: parsed.reason } });
  const report = parsed.report;
  const orgId = settings.org_id;
  const rule = {
    prefectures: await repo.orgPrefectures(deps.db.kysely, orgId),
    threshold: settings.threshold as SeismicIntensity,
    holdMinutes: settings.hold_minutes,
  };
  // Two processes may read reports of one earthquake at once: the loser reads again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await repo.findEvent(deps.db.kysely, orgId, report.eventId);
    const state = row ? (JSON.parse(row.state) as TriggerState) : null;
    const outcome = applyReport(state, report, rule, now);
    if (!outcome.state) return { action: outcome.decision.action };
    const stamp = new Date().toISOString();
    const values = {
      state: JSON.stringify(outcome.state),
      headline: report.headline || row?.headline || '',
      send_at: outcome.state.phase === 'pending' ? outcome.state.sendAt : null,
      updated_at: stamp === row?.updated_at ? `${stamp}~` : stamp,
    };
    let eventRow: QuakeEventRow;
    if (!row) {
      eventRow = {
        id: newId(),
        org_id: orgId,
        event_id: report.eventId,
        incident_id: null,
        confirmation: null,
        created_at: stamp,
        ...values,
      };
      try {
        await repo.insertEvent(deps.db.kysely, eventRow);
      } catch {
        continue;
      }
    } else {
      if (!(await repo.updateEvent(deps.db.kysely, orgId, row.id, row.updated_at, values))) continue;
      eventRow = { ...row, ...values };
    }
    await act(deps, settings, eventRow, outcome, report.originTime);
    return { action: outcome.decision.action };
  }
  throw conflict('version_conflict');
}

/** Sends what a held earthquake holds once its hold has ended (every organization; worker.ts). */
export async function releaseDue(deps: QuakeDeps, now = new Date()): Promise<number> {
  let released = 0;
  for (const row of await repo.dueEvents(deps.db.kysely, now.toISOString())) {
    const outcome = releaseIfDue(JSON.parse(row.state) as TriggerState, now);
    const values = {
      state: outcome?.state ? JSON.stringify(outcome.state) : row.state,
      send_at: null,
      updated_at: now.toISOString() === row.updated_at ? `${now.toISOString()}~` : now.toISOString(),
    };
    // Claimed by the process whose update lands (several may run this).
    if (!(await repo.updateEvent(deps.db.kysely, row.org_id, row.id, row.updated_at, values))) continue;
    if (!outcome) continue;
    const settings = await repo.findSettings(deps.db.kysely, row.org_id);
    if (!settings) continue;
    await act(deps, settings, { ...row, ...values }, outcome, null);
    released++;
  }
  return released;
}

const placeList = (prefectures: { prefecture: string; maxIntensity: SeismicIntensity }[]) =>
  prefectures
    .map(
      (p) => `${prefectureByCode(p.prefecture)?.ja ?? p.prefecture} ${intensityLabel(p.maxIntensity, 'ja')}`,
    )
    .join('、');

const SYSTEM = (orgId: string): OrgActor => ({ orgId, userId: null });

async function act(
  deps: QuakeDeps,
  settings: QuakeSettingsRow,
  row: QuakeEventRow,
  outcome: TriggerOutcome,
  originTime: string | null,
): Promise<void> {
  const d = outcome.decision;
  const orgId = row.org_id;
  const auto = settings.send_mode === 'auto';
  if (d.action === 'send') {
    const systems = await touchedSystems(deps.db, orgId, 'earthquake');
    const confirmation: QuakeConfirmation = auto ? 'auto' : 'pending';
    const incidentId = await audited(deps.db, SYSTEM(orgId), async (tx) => {
      const strongestThere = strongest(d.prefectures.map((p) => p.maxIntensity));
      const began = originTime && Date.parse(originTime) <= Date.now() ? originTime : undefined;
      const incident = await addIncident(
        tx,
        SYSTEM(orgId),
        {
          type: 'earthquake',
          mode: 'real',
          title: `地震：${placeList(d.prefectures)}`.slice(0, 120) || `地震 ${strongestThere ?? ''}`,
          ...(began ? { beganAt: began } : {}),
          prefectureCodes: d.prefectures.map((p) => p.prefecture),
        },
        systems,
      );
      await appendEntry(tx, SYSTEM(orgId), incident.id, {
        occurredAt: originTime ?? new Date().toISOString(),
        fromParty: '気象庁',
        kind: 'information',
        text: [row.headline, placeList(d.prefectures)].filter(Boolean).join('\n').slice(0, 2000),
        handling: 'open',
        tags: ['地震情報'],
      });
      const updated = { incident_id: incident.id, confirmation, updated_at: `${row.updated_at}#` };
      if (!(await repo.updateEvent(tx.trx, orgId, row.id, row.updated_at, updated)))
        throw conflict('version_conflict');
      await tx.audit({
        action: 'quake.incident_declare',
        entityType: 'quake_event',
        entityId: row.id,
        after: { eventId: row.event_id, incident: incident.title, confirmation },
      });
      return incident.id;
    });
    deps.bus.publish(orgId);
    if (auto)
      await onQuakeIncident(
        {
          db: deps.db,
          orgId,
          incidentId,
          eventId: row.event_id,
          prefectures: d.prefectures,
          extension: false,
          via: { kind: 'auto' },
        },
        deps.log,
      );
    return;
  }
  if ((d.action === 'extend' || d.action === 'withdrawn_after_send') && row.incident_id) {
    const incidentId = row.incident_id;
    const text =
      d.action === 'extend'
        ? `続報で、対象の都道府県に次が加わりました：${placeList(d.prefectures)}`
        : `気象庁がこの地震の情報を取り消しました。安否確認の要否を本部で判断してください。`;
    try {
      await audited(deps.db, SYSTEM(orgId), async (tx) => {
        // The incident's own list follows the reports: the HQ and its situation report see them all.
        if (d.action === 'extend')
          await addPrefectures(
            tx,
            SYSTEM(orgId),
            incidentId,
            d.prefectures.map((p) => p.prefecture),
          );
        await appendEntry(tx, SYSTEM(orgId), incidentId, {
          occurredAt: new Date().toISOString(),
          fromParty: '気象庁',
          kind: 'information',
          text,
          handling: 'open',
          tags: ['地震情報'],
        });
      });
      deps.bus.publish(orgId);
    } catch (err) {
      // A closed incident takes no entries; nothing else to do.
      deps.log?.error({ err, incidentId }, 'quake: could not record a later report on the incident');
    }
    if (d.action === 'extend' && row.confirmation !== 'pending' && row.confirmation !== 'dismissed')
      await onQuakeIncident(
        {
          db: deps.db,
          orgId,
          incidentId,
          eventId: row.event_id,
          prefectures: d.prefectures,
          extension: true,
          via: { kind: 'auto' },
        },
        deps.log,
      );
  }
}

/** An HQ member's answer to a pending confirmation: send the safety requests, or not. */
export async function answerConfirmation(
  deps: QuakeDeps,
  actor: OrgActor & { userId: string },
  id: string,
  send: boolean,
): Promise<QuakeEvent> {
  const row = await repo.findEventById(deps.db.kysely, actor.orgId, id);
  if (!row) throw notFound();
  const incidentId = row.incident_id;
  if (row.confirmation !== 'pending' || !incidentId) throw conflict('quake_not_pending');
  const confirmation: QuakeConfirmation = send ? 'confirmed' : 'dismissed';
  const stamp = new Date().toISOString();
  await audited(deps.db, actor, async (tx) => {
    if (
      !(await repo.updateEvent(tx.trx, actor.orgId, row.id, row.updated_at, {
        confirmation,
        updated_at: stamp,
      }))
    )
      throw conflict('quake_not_pending');
    await tx.audit({
      action: send ? 'quake.confirm' : 'quake.dismiss',
      entityType: 'quake_event',
      entityId: row.id,
      before: { confirmation: 'pending' },
      after: { confirmation },
    });
    // Every HQ screen of the incident shows the answer at once.
    await appendIncidentEvent(tx, actor.orgId, incidentId, 'quake.answered', row.id);
  });
  deps.bus.publish(actor.orgId);
  const fresh = { ...row, confirmation, updated_at: stamp };
  if (send)
    await onQuakeIncident(
      {
        db: deps.db,
        orgId: actor.orgId,
        incidentId,
        eventId: row.event_id,
        prefectures: presentEvent(fresh).prefectures,
        extension: false,
        via: { kind: 'confirmed', userId: actor.userId },
      },
      deps.log,
    );
  return presentEvent(fresh);
}

/** Earthquakes waiting for the HQ's confirmation (the home page's finding). */
export async function pendingConfirmations(db: Q, orgId: string): Promise<QuakeEvent[]> {
  return (await repo.pendingConfirmations(db, orgId)).map(presentEvent);
}
