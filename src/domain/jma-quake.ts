/**
 * Earthquake reports of the Japan Meteorological Agency (気象庁防災情報XML, jmaxml 1.0): 震度速報
 * (VXSE51), 震源に関する情報 (VXSE52) and 震源・震度に関する情報 (VXSE53), read into one
 * QuakeReport. Pure: the caller fetches the document (a feed or a relay) and passes its text.
 *
 * Hostile input is refused before and while parsing: documents over MAX_JMA_XML_BYTES, any DTD or
 * entity declaration (the agency's documents have none; this shuts out "billion laughs"), markup
 * that is not well-formed, elements deeper than the format needs, and a root or part that is not
 * in the agency's namespaces. fast-xml-parser expands no entity here; the five predefined ones and
 * character references are decoded by this file.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { findPrefecture, prefectureByCode } from './prefectures.js';
import { isSeismicIntensity, type SeismicIntensity, strongest } from './seismic-intensity.js';

/** The agency's namespaces (jmaxml 1.0). */
export const JMA_NS = {
  report: 'http://xml.kishou.go.jp/jmaxml1/',
  head: 'http://xml.kishou.go.jp/jmaxml1/informationBasis1/',
  seismology: 'http://xml.kishou.go.jp/jmaxml1/body/seismology1/',
  element: 'http://xml.kishou.go.jp/jmaxml1/elementBasis1/',
} as const;

/** Largest document read. A VXSE53 of a great earthquake lists thousands of stations (~1 MB). */
export const MAX_JMA_XML_BYTES = 2 * 1024 * 1024;
const MAX_DEPTH = 24;

/** The three reports, by the agency's data type code, with the Control/Title each carries. */
export const QUAKE_REPORT_KINDS = ['VXSE51', 'VXSE52', 'VXSE53'] as const;
export type QuakeReportKind = (typeof QUAKE_REPORT_KINDS)[number];
const KIND_BY_TITLE: Record<string, QuakeReportKind> = {
  震度速報: 'VXSE51',
  震源に関する情報: 'VXSE52',
  '震源・震度に関する情報': 'VXSE53',
};

/** Control/Status: 通常 (a real report), 訓練 (drill), 試験 (test). */
export const REPORT_STATUSES = ['normal', 'drill', 'test'] as const;
type ReportStatus = (typeof REPORT_STATUSES)[number];
const STATUS: Record<string, ReportStatus> = { 通常: 'normal', 訓練: 'drill', 試験: 'test' };

/** Head/InfoType: 発表 (issued), 訂正 (corrects an earlier report), 取消 (withdraws it). */
export const INFO_TYPES = ['issued', 'corrected', 'cancelled'] as const;
type InfoType = (typeof INFO_TYPES)[number];
const INFO_TYPE: Record<string, InfoType> = { 発表: 'issued', 訂正: 'corrected', 取消: 'cancelled' };

/**
 * Where intensity 5 lower or more is likely but no figure has arrived yet, the agency writes the
 * condition 震度５弱以上未入電 instead of an intensity.
 */
export const UNREPORTED_STRONG = '震度５弱以上未入電';

interface Hypocentre {
  /** 震央地名, e.g. 岡山県南部. */
  name: string;
  /** 震央地名 code. */
  code: string | null;
  latitude: number | null;
  longitude: number | null;
  /** Depth in km; 0 for ごく浅い (very shallow); null when unknown. */
  depthKm: number | null;
  /** The agency's wording, e.g. 北緯３４．６度　東経１３３．９度　深さ　１０ｋｍ. */
  description: string | null;
}

interface Magnitude {
  /** null when the agency gives none (Ｍ不明, Ｍ８を超える巨大地震). */
  value: number | null;
  /** Mj (the agency's magnitude) or M. */
  type: string;
  /** The agency's wording, e.g. Ｍ５．２ or Ｍ８を超える巨大地震. */
  description: string | null;
}

interface CityIntensity {
  /** 気象・地震・火山情報／市町村等, seven digits whose first two are the prefecture. */
  code: string;
  name: string;
  maxIntensity: SeismicIntensity | null;
  /** 震度５弱以上未入電 when a station likely felt 5 lower or more but has not reported yet. */
  condition: string | null;
}

interface AreaIntensity {
  /** 地震情報／細分区域, e.g. 571. */
  code: string;
  name: string;
  maxIntensity: SeismicIntensity | null;
  condition: string | null;
  cities: CityIntensity[];
}

interface PrefectureIntensity {
  /** keizoku's prefecture code (JIS X 0401, '33'); null when the agency's code is none of the 47. */
  prefecture: string | null;
  /** The agency's code (地震情報／都道府県等). */
  jmaCode: string;
  name: string;
  maxIntensity: SeismicIntensity | null;
  condition: string | null;
  areas: AreaIntensity[];
}

export interface QuakeReport {
  kind: QuakeReportKind;
  status: ReportStatus;
  infoType: InfoType;
  /** Head/EventID: the same for every report of one earthquake (its origin time, 14 digits). */
  eventId: string;
  /** Head/Serial; null where the report has none (VXSE51, VXSE52). */
  serial: number | null;
  /** Head/ReportDateTime as UTC ISO-8601. */
  reportedAt: string;
  /** Control/DateTime (when the document was sent) as UTC ISO-8601. */
  sentAt: string;
  editorialOffice: string;
  headline: string;
  originTime: string | null;
  hypocentre: Hypocentre | null;
  magnitude: Magnitude | null;
  /** The strongest intensity observed anywhere; null when the report has no intensities. */
  maxIntensity: SeismicIntensity | null;
  prefectures: PrefectureIntensity[];
  /** Forecast comments (tsunami and the like) and, for a 取消, the text saying what is withdrawn. */
  comments: string[];
}

/** Why a document was refused, a stable code with a sentence for the log. */
export const JMA_REFUSALS = [
  'too_large',
  'dtd_not_allowed',
  'malformed',
  'too_deep',
  'wrong_namespace',
  'not_an_earthquake_report',
  'missing_field',
  'bad_value',
] as const;
type JmaRefusal = (typeof JMA_REFUSALS)[number];

export type ParseQuakeResult =
  | { ok: true; report: QuakeReport }
  | { ok: false; reason: JmaRefusal; detail: string };

/** An element with its namespace resolved. */
interface El {
  ns: string;
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

class Refused extends Error {
  constructor(
    readonly reason: JmaRefusal,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and character references; any other `&name;` is left as typed. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

type Ordered = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
});

/** Builds the element tree, resolving each prefix against the xmlns declarations in scope. */
function resolve(node: Ordered, scope: Map<string, string>, depth: number): El | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text') return null;
  if (depth > MAX_DEPTH) throw new Refused('too_deep', `elements nested deeper than ${MAX_DEPTH}`);
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>;
  let inScope = scope;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (inScope === scope) inScope = new Map(scope);
      inScope.set(k === 'xmlns' ? '' : k.slice(6), decode(String(v)));
    } else attrs[k] = decode(String(v));
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  const ns = inScope.get(prefix);
  if (ns === undefined) throw new Refused('wrong_namespace', `prefix "${prefix}" is not declared`);
  const children: El[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as Ordered[]) {
    if ('#text' in child) text += decode(String(child['#text']));
    else {
      const el = resolve(child, inScope, depth + 1);
      if (el) children.push(el);
    }
  }
  return { ns, name: colon === -1 ? name : name.slice(colon + 1), attrs, children, text: text.trim() };
}

const kids = (el: El | null | undefined, ns: string, name: string): El[] =>
  el ? el.children.filter((c) => c.ns === ns && c.name === name) : [];
const kid = (el: El | null | undefined, ns: string, name: string): El | null => kids(el, ns, name)[0] ?? null;

function required(el: El | null | undefined, ns: string, name: string, where: string): El {
  const found = kid(el, ns, name);
  if (!found) throw new Refused('missing_field', `${where}/${name} is missing`);
  return found;
}

function isoTime(text: string, field: string): string {
  // The agency writes xs:dateTime with a zone: 2026-12-07T14:32:00+09:00 or …Z.
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const t = ok ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t))
    throw new Refused('bad_value', `${field} is not a date and time: "${text.slice(0, 40)}"`);
  return new Date(t).toISOString();
}

function intensityOf(el: El | null, field: string): SeismicIntensity | null {
  if (!el || el.text === '') return null;
  if (!isSeismicIntensity(el.text))
    throw new Refused('bad_value', `${field} is not an intensity: "${el.text.slice(0, 20)}"`);
  return el.text;
}

/** ISO 6709 as the agency writes it: +34.6+133.9-10000/ (depth in metres below sea level). */
function coordinate(el: El | null): Pick<Hypocentre, 'latitude' | 'longitude' | 'depthKm' | 'description'> {
  const description = el?.attrs.description ?? null;
  const text = el?.text ?? '';
  const m = /^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+)?\/$/.exec(text);
  if (!m) {
    // 震源要素不明: an empty coordinate.
    if (text === '') return { latitude: null, longitude: null, depthKm: null, description };
    throw new Refused('bad_value', `Coordinate is not ISO 6709: "${text.slice(0, 40)}"`);
  }
  const degrees = (s: string, wholeDigits: number) => {
    // Older documents write degrees and minutes (+3436.0+13354.0): DDMM.M.
    const [int = ''] = s.slice(1).split('.');
    const v = Number(s);
    if (int.length !== wholeDigits + 2) return v;
    const sign = Math.sign(v) || 1;
    const abs = Math.abs(v);
    return sign * (Math.floor(abs / 100) + (abs % 100) / 60);
  };
  const latitude = degrees(m[1] as string, 2);
  const longitude = degrees(m[2] as string, 3);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180)
    throw new Refused('bad_value', `Coordinate is out of range: "${text}"`);
  const depthKm = m[3] === undefined ? null : Math.max(0, -Number(m[3]) / 1000);
  return { latitude, longitude, depthKm, description };
}

function hypocentreOf(earthquake: El | null): Hypocentre | null {
  const area = kid(kid(earthquake, JMA_NS.seismology, 'Hypocenter'), JMA_NS.seismology, 'Area');
  if (!area) return null;
  return {
    name: kid(area, JMA_NS.seismology, 'Name')?.text ?? '',
    code: kid(area, JMA_NS.seismology, 'Code')?.text || null,
    ...coordinate(kid(area, JMA_NS.element, 'Coordinate')),
  };
}

function magnitudeOf(earthquake: El | null): Magnitude | null {
  const el = kid(earthquake, JMA_NS.element, 'Magnitude');
  if (!el) return null;
  // NaN with a condition (Ｍ不明, Ｍ８を超える巨大地震) means the agency gives no figure.
  const value = el.text === '' || el.text === 'NaN' ? null : Number(el.text);
  if (value !== null && (!Number.isFinite(value) || value < -3 || value > 10))
    throw new Refused('bad_value', `Magnitude is not a magnitude: "${el.text.slice(0, 20)}"`);
  return { value, type: el.attrs.type ?? 'Mj', description: el.attrs.description ?? null };
}

function prefectureCodeOf(jmaCode: string, name: string): string | null {
  // 地震情報／都道府県等 numbers the prefectures as JIS X 0401 does; the name must agree.
  const byCode = prefectureByCode(jmaCode);
  if (byCode && byCode.ja === name) return byCode.code;
  return findPrefecture(name)?.code ?? byCode?.code ?? null;
}

function intensitiesOf(intensity: El | null): PrefectureIntensity[] {
  const S = JMA_NS.seismology;
  const observation = kid(intensity, S, 'Observation');
  const text = (el: El | null, name: string) => kid(el, S, name)?.text ?? '';
  const condition = (el: El) => kid(el, S, 'Condition')?.text || null;
  return kids(observation, S, 'Pref').map((p) => {
    const jmaCode = text(p, 'Code');
    const name = text(p, 'Name');
    if (!jmaCode) throw new Refused('missing_field', 'Intensity/Observation/Pref/Code is missing');
    return {
      prefecture: prefectureCodeOf(jmaCode, name),
      jmaCode,
      name,
      maxIntensity: intensityOf(kid(p, S, 'MaxInt'), 'Pref/MaxInt'),
      condition: condition(p),
      areas: kids(p, S, 'Area').map((a) => ({
        code: text(a, 'Code'),
        name: text(a, 'Name'),
        maxIntensity: intensityOf(kid(a, S, 'MaxInt'), 'Area/MaxInt'),
        condition: condition(a),
        cities: kids(a, S, 'City').map((c) => ({
          code: text(c, 'Code'),
          name: text(c, 'Name'),
          maxIntensity: intensityOf(kid(c, S, 'MaxInt'), 'City/MaxInt'),
          condition: condition(c),
        })),
      })),
    };
  });
}

function read(xml: string): QuakeReport {
  // Characters never outnumber UTF-8 bytes; count the bytes only when it could matter.
  const tooLarge =
    xml.length > MAX_JMA_XML_BYTES ||
    (xml.length * 3 > MAX_JMA_XML_BYTES && new TextEncoder().encode(xml).length > MAX_JMA_XML_BYTES);
  if (tooLarge) throw new Refused('too_large', `the document is over ${MAX_JMA_XML_BYTES} bytes`);
  if (/<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(xml))
    throw new Refused('dtd_not_allowed', 'the document declares a DTD or entities; the agency’s never do');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new Refused(
      'malformed',
      `not well-formed XML (line ${valid.err.line}): ${valid.err.msg.slice(0, 120)}`,
    );
  let tree: Ordered[];
  try {
    tree = parser.parse(xml) as Ordered[];
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new Refused(/nest/i.test(msg) ? 'too_deep' : 'malformed', msg.slice(0, 120));
  }
  const roots = tree.map((n) => resolve(n, new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1));
  const root = roots.find((r): r is El => r !== null);
  if (root?.name !== 'Report' || root.ns !== JMA_NS.report)
    throw new Refused(
      'wrong_namespace',
      `the root is not Report in ${JMA_NS.report} (found ${root ? `${root.name} in ${root.ns || 'no namespace'}` : 'nothing'})`,
    );
  const control = required(root, JMA_NS.report, 'Control', 'Report');
  const head = kid(root, JMA_NS.head, 'Head');
  if (!head) throw new Refused('wrong_namespace', `Report/Head in ${JMA_NS.head} is missing`);
  const title = required(control, JMA_NS.report, 'Title', 'Control').text;
  const kind = KIND_BY_TITLE[title];
  if (!kind) throw new Refused('not_an_earthquake_report', `Control/Title is "${title.slice(0, 40)}"`);
  const status = STATUS[required(control, JMA_NS.report, 'Status', 'Control').text];
  if (!status) throw new Refused('bad_value', 'Control/Status is not 通常, 訓練 or 試験');
  const H = JMA_NS.head;
  const infoType = INFO_TYPE[required(head, H, 'InfoType', 'Head').text];
  if (!infoType) throw new Refused('bad_value', 'Head/InfoType is not 発表, 訂正 or 取消');
  const eventId = required(head, H, 'EventID', 'Head').text;
  if (!/^[0-9A-Za-z_-]{1,64}$/.test(eventId))
    throw new Refused('bad_value', 'Head/EventID is empty or not an id');
  const serialText = kid(head, H, 'Serial')?.text ?? '';
  if (serialText !== '' && !/^\d{1,6}$/.test(serialText))
    throw new Refused('bad_value', 'Head/Serial is not a number');

  const body = kid(root, JMA_NS.seismology, 'Body');
  if (!body && root.children.some((c) => c.name === 'Body'))
    throw new Refused('wrong_namespace', `Report/Body is not in ${JMA_NS.seismology}`);
  const S = JMA_NS.seismology;
  const earthquake = kid(body, S, 'Earthquake');
  const originText = kid(earthquake, S, 'OriginTime')?.text;
  const prefectures = infoType === 'cancelled' ? [] : intensitiesOf(kid(body, S, 'Intensity'));
  const declaredMax = intensityOf(
    kid(kid(kid(body, S, 'Intensity'), S, 'Observation'), S, 'MaxInt'),
    'Observation/MaxInt',
  );
  const comments = [
    ...kids(body, S, 'Text').map((t) => t.text),
    ...kids(kid(body, S, 'Comments'), S, 'ForecastComment').map((c) => kid(c, S, 'Text')?.text ?? ''),
    ...kids(kid(body, S, 'Comments'), S, 'FreeFormComment').map((c) => c.text),
  ].filter(Boolean);

  return {
    kind,
    status,
    infoType,
    eventId,
    serial: serialText === '' ? null : Number(serialText),
    reportedAt: isoTime(required(head, H, 'ReportDateTime', 'Head').text, 'Head/ReportDateTime'),
    sentAt: isoTime(required(control, JMA_NS.report, 'DateTime', 'Control').text, 'Control/DateTime'),
    editorialOffice: kid(control, JMA_NS.report, 'EditorialOffice')?.text ?? '',
    headline: kid(kid(head, H, 'Headline'), H, 'Text')?.text ?? '',
    originTime: originText ? isoTime(originText, 'Earthquake/OriginTime') : null,
    hypocentre: hypocentreOf(earthquake),
    magnitude: magnitudeOf(earthquake),
    maxIntensity: declaredMax ?? strongest(prefectures.map((p) => p.maxIntensity)),
    prefectures,
    comments,
  };
}

/**
 * Reads one earthquake report of the agency, or says why not.
 * @example parseQuakeReport(vxse53).ok && report.prefectures[0] // { prefecture: '33', maxIntensity: '5-', … }
 */
export function parseQuakeReport(xml: string): ParseQuakeResult {
  try {
    return { ok: true, report: read(xml) };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason, detail: err.detail };
    throw err;
  }
}
