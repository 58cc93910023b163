import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  INFO_TYPES,
  JMA_NS,
  JMA_REFUSALS,
  MAX_JMA_XML_BYTES,
  parseQuakeReport,
  QUAKE_REPORT_KINDS,
  type QuakeReport,
  REPORT_STATUSES,
} from './jma-quake.js';
import {
  atLeast,
  compareIntensity,
  intensityLabel,
  SEISMIC_INTENSITIES,
  strongest,
} from './seismic-intensity.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'jma');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function parsed(xml: string): QuakeReport {
  const r = parseQuakeReport(xml);
  if (!r.ok) throw new Error(`${r.reason}: ${r.detail}`);
  return r.report;
}
function refusal(xml: string) {
  const r = parseQuakeReport(xml);
  if (r.ok) throw new Error('expected a refusal');
  expect(JMA_REFUSALS).toContain(r.reason);
  return r;
}

describe('seismic intensity scale', () => {
  it('orders 1 … 4, 5-, 5+, 6-, 6+, 7', () => {
    expect(SEISMIC_INTENSITIES).toEqual(['1', '2', '3', '4', '5-', '5+', '6-', '6+', '7']);
    expect(compareIntensity('5-', '5+')).toBeLessThan(0);
    expect(compareIntensity('6-', '5+')).toBeGreaterThan(0);
    expect(atLeast('5-', '5-')).toBe(true);
    expect(atLeast('4', '5-')).toBe(false);
    expect(strongest(['3', null, '6-', '5+'])).toBe('6-');
    expect(strongest([])).toBeNull();
    expect(intensityLabel('6+', 'ja')).toBe('震度6強');
    expect(intensityLabel('5-', 'en')).toBe('intensity 5 lower');
  });
});

describe('JMA earthquake reports', () => {
  it('震度速報 (VXSE51): event, times, intensity per prefecture and area, no hypocentre', () => {
    const r = parsed(fixture('vxse51-okayama.xml'));
    expect([QUAKE_REPORT_KINDS, REPORT_STATUSES, INFO_TYPES]).toEqual([
      ['VXSE51', 'VXSE52', 'VXSE53'],
      ['normal', 'drill', 'test'],
      ['issued', 'corrected', 'cancelled'],
    ]);
    expect(r).toMatchObject({
      kind: 'VXSE51',
      status: 'normal',
      infoType: 'issued',
      eventId: '20261207143012',
      serial: null,
      reportedAt: '2026-12-07T05:32:00.000Z',
      sentAt: '2026-12-07T05:32:08.000Z',
      editorialOffice: '大阪管区気象台',
      originTime: null,
      hypocentre: null,
      magnitude: null,
      maxIntensity: '5-',
    });
    expect(r.headline).toContain('震度３以上');
    expect(r.prefectures.map((p) => [p.prefecture, p.name, p.maxIntensity])).toEqual([
      ['33', '岡山県', '5-'],
      ['34', '広島県', '4'],
      ['37', '香川県', '4'],
      ['28', '兵庫県', '3'],
      ['36', '徳島県', '3'],
    ]);
    expect(r.prefectures[0]?.areas).toEqual([
      { code: '581', name: '岡山県南部', maxIntensity: '5-', condition: null, cities: [] },
      { code: '580', name: '岡山県北部', maxIntensity: '3', condition: null, cities: [] },
    ]);
    expect(r.comments).toEqual(['今後の情報に注意してください。']);
  });

  it('震源に関する情報 (VXSE52): hypocentre, depth and magnitude, no intensities', () => {
    const r = parsed(fixture('vxse52-okayama.xml'));
    expect(r.kind).toBe('VXSE52');
    expect(r.originTime).toBe('2026-12-07T05:30:00.000Z');
    expect(r.hypocentre).toEqual({
      name: '岡山県南部',
      code: '581',
      latitude: 34.6,
      longitude: 133.8,
      depthKm: 10,
      description: '北緯３４．６度　東経１３３．８度　深さ　１０ｋｍ',
    });
    expect(r.magnitude).toEqual({ value: 5.6, type: 'Mj', description: 'Ｍ５．６' });
    expect(r.maxIntensity).toBeNull();
    expect(r.prefectures).toEqual([]);
    expect(r.comments).toEqual(['この地震による津波の心配はありません。']);
  });

  it('震源・震度に関する情報 (VXSE53): serial, prefectures, areas and cities with their codes', () => {
    const r = parsed(fixture('vxse53-okayama.xml'));
    expect(r).toMatchObject({ kind: 'VXSE53', serial: 1, infoType: 'issued', maxIntensity: '5-' });
    expect(r.hypocentre?.depthKm).toBe(10);
    expect(r.prefectures.map((p) => p.prefecture)).toEqual(['33', '37', '34', '28', '36', '31']);
    const okayama = r.prefectures[0];
    expect(okayama?.areas.map((a) => a.name)).toEqual(['岡山県南部', '岡山県北部']);
    const kurashiki = okayama?.areas[0]?.cities[0];
    expect(kurashiki).toEqual({ code: '3320200', name: '倉敷市', maxIntensity: '5-', condition: null });
    // Every city code starts with its prefecture's code.
    for (const p of r.prefectures)
      for (const a of p.areas) for (const c of a.cities) expect(c.code.slice(0, 2)).toBe(p.prefecture);
  });

  it('訂正 and 取消 are read as corrected and cancelled; a 取消 carries its text and no intensities', () => {
    const corrected = parsed(fixture('vxse53-okayama-correction.xml'));
    expect(corrected).toMatchObject({ infoType: 'corrected', serial: 2 });
    expect(corrected.prefectures.find((p) => p.prefecture === '37')?.maxIntensity).toBe('5-');
    expect(corrected.comments).toContain('丸亀市の震度を訂正しました。');
    const cancelled = parsed(fixture('vxse51-okayama-cancel.xml'));
    expect(cancelled).toMatchObject({
      kind: 'VXSE51',
      infoType: 'cancelled',
      prefectures: [],
      maxIntensity: null,
    });
    expect(cancelled.comments).toEqual(['先ほどの震度速報を取り消します。']);
  });

  it('reads drills, unknown magnitudes and depths, very shallow quakes and 震度５弱以上未入電', () => {
    const base = fixture('vxse53-okayama.xml');
    expect(parsed(base.replace('<Status>通常</Status>', '<Status>訓練</Status>')).status).toBe('drill');
    const huge = parsed(
      base.replace(
        '<jmx_eb:Magnitude type="Mj" description="Ｍ５．６">5.6</jmx_eb:Magnitude>',
        '<jmx_eb:Magnitude type="Mj" condition="Ｍ８を超える巨大地震" description="Ｍ８を超える巨大地震">NaN</jmx_eb:Magnitude>',
      ),
    );
    expect(huge.magnitude).toEqual({ value: null, type: 'Mj', description: 'Ｍ８を超える巨大地震' });
    expect(parsed(base.replace('+34.6+133.8-10000/', '+34.6+133.8+0/')).hypocentre?.depthKm).toBe(0);
    expect(parsed(base.replace('+34.6+133.8-10000/', '+34.6+133.8/')).hypocentre?.depthKm).toBeNull();
    const unreported = parsed(
      base.replace(
        '<City><Name>真庭市</Name><Code>3322100</Code><MaxInt>2</MaxInt>',
        `<City><Name>真庭市</Name><Code>3322100</Code><Condition>震度５弱以上未入電</Condition>`,
      ),
    );
    const maniwa = unreported.prefectures[0]?.areas[1]?.cities[1];
    expect(maniwa).toMatchObject({ name: '真庭市', maxIntensity: null, condition: '震度５弱以上未入電' });
  });

  it('resolves namespaces by URI, whatever the prefixes, and decodes entities in text', () => {
    const xml = fixture('vxse52-okayama.xml')
      .replaceAll('jmx_eb:', 'eb:')
      .replace('xmlns:jmx_eb=', 'xmlns:eb=')
      .replace('<Name>岡山県南部</Name>', '<Name>岡山県南部 &amp; &#x5468;辺</Name>');
    const r = parsed(xml);
    expect(r.magnitude?.value).toBe(5.6);
    expect(r.hypocentre?.name).toBe('岡山県南部 & 周辺');
  });
});

describe('hostile or wrong documents are refused with a reason', () => {
  it('billion laughs and any DTD: refused before parsing', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Report xmlns="${JMA_NS.report}"><Control><Title>&lol9;</Title></Control></Report>`;
    expect(refusal(lol).reason).toBe('dtd_not_allowed');
    const external = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>`;
    expect(refusal(external).reason).toBe('dtd_not_allowed');
  });

  it('too large, malformed, too deep', () => {
    const big = fixture('vxse53-okayama.xml').replace(
      '</Report>',
      `<!--${'x'.repeat(MAX_JMA_XML_BYTES)}--></Report>`,
    );
    expect(refusal(big).reason).toBe('too_large');
    // Multi-byte text: 700,000 kana are over 2 MiB in UTF-8 though fewer characters.
    const kana = fixture('vxse52-okayama.xml').replace(
      '</Report>',
      `<!--${'あ'.repeat(700_000)}--></Report>`,
    );
    expect(refusal(kana).reason).toBe('too_large');
    expect(refusal(fixture('vxse52-okayama.xml').replace('</Hypocenter>', '')).reason).toBe('malformed');
    expect(refusal('').reason).toBe('malformed');
    expect(refusal('not xml at all').reason).toBe('malformed');
    const deep = `<Report xmlns="${JMA_NS.report}">${'<a>'.repeat(200)}${'</a>'.repeat(200)}</Report>`;
    expect(refusal(deep).reason).toBe('too_deep');
  });

  it('wrong or missing namespaces and other reports', () => {
    const base = fixture('vxse53-okayama.xml');
    expect(
      refusal(base.replace(/xmlns="http:\/\/xml.kishou.go.jp\/jmaxml1\/"/, 'xmlns="urn:evil"')).reason,
    ).toBe('wrong_namespace');
    expect(
      refusal(base.replace('<Head xmlns="http://xml.kishou.go.jp/jmaxml1/informationBasis1/">', '<Head>'))
        .reason,
    ).toBe('wrong_namespace');
    expect(refusal(base.replace('jmaxml1/body/seismology1/', 'jmaxml1/body/meteorology1/')).reason).toBe(
      'wrong_namespace',
    );
    expect(
      refusal(
        base
          .replace('<jmx_eb:Magnitude', '<nope:Magnitude')
          .replace('</jmx_eb:Magnitude>', '</nope:Magnitude>'),
      ).reason,
    ).toBe('wrong_namespace');
    expect(
      refusal(base.replace('<Title>震源・震度に関する情報</Title>', '<Title>気象警報・注意報</Title>'))
        .reason,
    ).toBe('not_an_earthquake_report');
  });

  it('missing or bad values name the field', () => {
    const base = fixture('vxse53-okayama.xml');
    expect(refusal(base.replace('<EventID>20261207143012</EventID>', '')).detail).toContain('EventID');
    expect(refusal(base.replace('<InfoType>発表</InfoType>', '<InfoType>速報</InfoType>')).reason).toBe(
      'bad_value',
    );
    expect(refusal(base.replace('<Status>通常</Status>', '<Status>本番</Status>')).reason).toBe('bad_value');
    expect(refusal(base.replace('<MaxInt>5-</MaxInt>', '<MaxInt>8</MaxInt>')).detail).toContain('MaxInt');
    expect(
      refusal(base.replace('2026-12-07T14:36:00+09:00</ReportDateTime>', 'yesterday</ReportDateTime>'))
        .detail,
    ).toContain('ReportDateTime');
    expect(refusal(base.replace('+34.6+133.8-10000/', '+134.6+133.8-10000/')).reason).toBe('bad_value');
    expect(refusal(base.replace('<Serial>1</Serial>', '<Serial>one</Serial>')).reason).toBe('bad_value');
  });
});
