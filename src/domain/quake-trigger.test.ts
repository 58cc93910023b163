import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseQuakeReport, type QuakeReport } from './jma-quake.js';
import { applyReport, releaseIfDue, type TriggerRule, type TriggerState } from './quake-trigger.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'jma');
function report(name: string, edit: (xml: string) => string = (x) => x): QuakeReport {
  const r = parseQuakeReport(edit(fs.readFileSync(path.join(FIXTURES, name), 'utf8')));
  if (!r.ok) throw new Error(r.detail);
  return r.report;
}

const at = (hhmmss: string) => new Date(`2026-12-07T${hhmmss}+09:00`);
// さくらフィットネス: gyms in Okayama; a few staff live across the bridge in Kagawa.
const rule: TriggerRule = { prefectures: ['33', '37'], threshold: '5-', holdMinutes: 3 };

describe('safety confirmation trigger', () => {
  it('holds the first match for N minutes, then sends to the matching prefectures only', () => {
    const first = applyReport(null, report('vxse51-okayama.xml'), rule, at('14:32:10'));
    expect(first.decision).toEqual({
      action: 'hold',
      sendAt: '2026-12-07T05:35:10.000Z',
      prefectures: [{ prefecture: '33', maxIntensity: '5-' }],
    });
    const held = first.state as TriggerState;
    expect(releaseIfDue(held, at('14:35:09'))).toBeNull();
    const sent = releaseIfDue(held, at('14:35:10'));
    expect(sent?.decision).toEqual({
      action: 'send',
      prefectures: [{ prefecture: '33', maxIntensity: '5-' }],
    });
    expect(sent?.state).toMatchObject({ phase: 'sent', sentTo: ['33'], sentAt: '2026-12-07T05:35:10.000Z' });
    expect(releaseIfDue(sent?.state as TriggerState, at('14:40:00'))).toBeNull();
  });

  it('a hold of 0 minutes sends at once', () => {
    const now = applyReport(null, report('vxse51-okayama.xml'), { ...rule, holdMinutes: 0 }, at('14:32:10'));
    expect(now.decision).toMatchObject({ action: 'send' });
    expect(now.state?.phase).toBe('sent');
  });

  it('below the threshold, outside our prefectures, hypocentre only, drills: nothing', () => {
    expect(
      applyReport(null, report('vxse51-okayama.xml'), { ...rule, threshold: '5+' }, at('14:32:10')).decision,
    ).toEqual({
      action: 'ignore',
      reason: 'below_threshold',
    });
    expect(
      applyReport(null, report('vxse51-okayama.xml'), { ...rule, prefectures: ['13'] }, at('14:32:10'))
        .decision,
    ).toEqual({
      action: 'ignore',
      reason: 'below_threshold',
    });
    expect(applyReport(null, report('vxse52-okayama.xml'), rule, at('14:33:10')).decision).toEqual({
      action: 'ignore',
      reason: 'no_intensities',
    });
    const drill = report('vxse51-okayama.xml', (x) =>
      x.replace('<Status>通常</Status>', '<Status>訓練</Status>'),
    );
    expect(applyReport(null, drill, rule, at('14:32:10')).decision).toEqual({
      action: 'ignore',
      reason: 'drill_or_test',
    });
    // A lower threshold reaches Kagawa (4) too.
    expect(
      applyReport(null, report('vxse51-okayama.xml'), { ...rule, threshold: '4' }, at('14:32:10')).decision,
    ).toMatchObject({
      prefectures: [
        { prefecture: '33', maxIntensity: '5-' },
        { prefecture: '37', maxIntensity: '4' },
      ],
    });
  });

  it('the same report twice, or an older one, changes nothing; another earthquake is not mixed in', () => {
    const first = applyReport(null, report('vxse53-okayama.xml'), rule, at('14:36:10'));
    expect(first.decision.action).toBe('hold');
    const again = applyReport(first.state, report('vxse53-okayama.xml'), rule, at('14:36:20'));
    expect(again.decision).toEqual({ action: 'ignore', reason: 'repeated_or_older' });
    expect(again.state).toBe(first.state);
    const older = report('vxse53-okayama.xml', (x) => x.replace('<Serial>1</Serial>', '<Serial>0</Serial>'));
    expect(applyReport(first.state, older, rule, at('14:36:30')).decision).toMatchObject({
      reason: 'repeated_or_older',
    });
    const other = report('vxse53-okayama.xml', (x) =>
      x.replace('<EventID>20261207143012</EventID>', '<EventID>20261207150001</EventID>'),
    );
    expect(applyReport(first.state, other, rule, at('14:37:00')).decision).toEqual({
      action: 'ignore',
      reason: 'other_earthquake',
    });
  });

  it('a later report within the hold updates the list but keeps the deadline; the same list is unchanged', () => {
    const first = applyReport(null, report('vxse51-okayama.xml'), rule, at('14:32:10'));
    const same = applyReport(first.state, report('vxse53-okayama.xml'), rule, at('14:34:00'));
    expect(same.decision).toEqual({ action: 'ignore', reason: 'unchanged' });
    const corrected = applyReport(same.state, report('vxse53-okayama-correction.xml'), rule, at('14:35:00'));
    expect(corrected.decision).toEqual({
      action: 'hold',
      sendAt: '2026-12-07T05:35:10.000Z',
      prefectures: [
        { prefecture: '33', maxIntensity: '5-' },
        { prefecture: '37', maxIntensity: '5-' },
      ],
    });
    expect(releaseIfDue(corrected.state as TriggerState, at('14:35:10'))?.decision).toMatchObject({
      action: 'send',
      prefectures: [{ prefecture: '33' }, { prefecture: '37' }],
    });
  });

  it('取消 within the hold cancels the pending request; a new 発表 holds again', () => {
    const first = applyReport(null, report('vxse51-okayama.xml'), rule, at('14:32:10'));
    const cancelled = applyReport(first.state, report('vxse51-okayama-cancel.xml'), rule, at('14:34:05'));
    expect(cancelled.decision).toEqual({ action: 'cancel' });
    expect(cancelled.state).toMatchObject({ phase: 'cancelled', sendAt: null });
    expect(releaseIfDue(cancelled.state as TriggerState, at('14:40:00'))).toBeNull();
    expect(
      applyReport(cancelled.state, report('vxse51-okayama-cancel.xml'), rule, at('14:34:10')).decision,
    ).toEqual({
      action: 'ignore',
      reason: 'already_cancelled',
    });
    const again = applyReport(cancelled.state, report('vxse53-okayama.xml'), rule, at('14:36:10'));
    expect(again.decision).toMatchObject({ action: 'hold', sendAt: '2026-12-07T05:39:10.000Z' });
  });

  it('取消 of one kind keeps what another kind reported', () => {
    const first = applyReport(null, report('vxse51-okayama.xml'), rule, at('14:32:10'));
    const both = applyReport(first.state, report('vxse53-okayama.xml'), rule, at('14:33:00'));
    // The 震度速報 is withdrawn but the 震源・震度情報 still says 5 lower in Okayama.
    const r = applyReport(
      both.state,
      report('vxse51-okayama-cancel.xml', (x) => x.replace('14:34:00', '14:36:30')),
      rule,
      at('14:34:00'),
    );
    expect(r.decision).toEqual({ action: 'ignore', reason: 'unchanged' });
    expect(r.state?.phase).toBe('pending');
  });

  it('a 取消 with nothing before it cancels nothing', () => {
    expect(applyReport(null, report('vxse51-okayama-cancel.xml'), rule, at('14:34:05')).decision).toEqual({
      action: 'ignore',
      reason: 'nothing_to_cancel',
    });
  });

  it('after sending: new prefectures extend the request, nothing else sends again, a withdrawal is flagged', () => {
    const sent = applyReport(null, report('vxse51-okayama.xml'), { ...rule, holdMinutes: 0 }, at('14:32:10'));
    const more = applyReport(sent.state, report('vxse53-okayama-correction.xml'), rule, at('14:52:10'));
    expect(more.decision).toEqual({
      action: 'extend',
      prefectures: [{ prefecture: '37', maxIntensity: '5-' }],
    });
    expect(more.state?.sentTo).toEqual(['33', '37']);
    const dup = applyReport(
      more.state,
      report('vxse53-okayama-correction.xml', (x) => x.replace('<Serial>2</Serial>', '<Serial>3</Serial>')),
      rule,
      at('14:53:00'),
    );
    expect(dup.decision).toEqual({ action: 'ignore', reason: 'already_sent' });

    const onlyQuick = applyReport(
      null,
      report('vxse51-okayama.xml'),
      { ...rule, holdMinutes: 0 },
      at('14:32:10'),
    );
    const withdrawn = applyReport(onlyQuick.state, report('vxse51-okayama-cancel.xml'), rule, at('14:34:05'));
    expect(withdrawn.decision).toEqual({ action: 'withdrawn_after_send' });
  });

  it('震度５弱以上未入電 counts as 5 lower', () => {
    const r = report('vxse53-okayama.xml', (x) =>
      x
        .replace(
          '<Pref><Name>香川県</Name><Code>37</Code><MaxInt>4</MaxInt>',
          '<Pref><Name>香川県</Name><Code>37</Code>',
        )
        .replace(
          '<City><Name>高松市</Name><Code>3720100</Code><MaxInt>4</MaxInt>',
          '<City><Name>高松市</Name><Code>3720100</Code><Condition>震度５弱以上未入電</Condition>',
        ),
    );
    expect(applyReport(null, r, rule, at('14:36:10')).decision).toMatchObject({
      prefectures: [
        { prefecture: '33', maxIntensity: '5-' },
        { prefecture: '37', maxIntensity: '5-' },
      ],
    });
  });
});
