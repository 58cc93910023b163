import crypto from 'node:crypto';
import type { SafetyQuestion } from '../../../domain/safety.js';
import { SAFETY_LIMITS } from '../../../domain/safety.js';
import type { SafetyAnswer } from '../../../shared/safety.js';

/**
 * The answer page a personal link opens: one self-contained HTML document (no framework, inline
 * style and script, a few KB compressed) that works on a slow phone network with one thumb. The
 * script keeps an unsent answer in localStorage with its idempotency key and sends it again on
 * load and whenever the phone is back online, until the server acknowledges it. The page's data
 * (questions, the latest answer) travels as inert JSON; the script is fixed, so the CSP names its
 * hash instead of allowing inline scripts.
 */

export type PageLang = 'ja' | 'en';

/** ja unless the browser prefers English (first language tag). */
export function pageLang(acceptLanguage: string | undefined): PageLang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
}

const T = {
  ja: {
    title: '安否確認',
    intro: '{org}からの安否確認です。いまの状況を答えてください。',
    drill: 'これは訓練です。',
    status: 'あなたの状態',
    safe: '無事',
    minor_injury: '軽いけが',
    serious_injury: '重いけが',
    location: 'いまいる場所',
    gps: '現在地を付ける',
    gpsOn: '現在地を付けました',
    gpsFail: '現在地を取れませんでした',
    can_work: '働けますか',
    office: '出社できる',
    remote: '在宅で働ける',
    no: '働けない',
    family_safe: '家族は無事ですか',
    yes: 'はい',
    noFamily: 'いいえ',
    home_damage: '自宅の被害',
    none: 'なし',
    partial: '一部',
    severe: '大きい',
    message: '伝えたいこと',
    send: '送信する',
    sending: '送信中…',
    queued:
      '電波が戻ったら自動で送ります。送り終わるまでこのページを開いたままにしてください。閉じてしまったときは、もう一度このリンクを開けば送ります。',
    sent: '受け付けました（{at}）。状況が変わったら、もう一度送ってください。',
    last: '前回の回答: {at}',
    closed: 'この安否確認は終了しました。回答は記録されていません。',
    invalid: '入力を確かめてください。',
    tooLong: '長すぎます',
    pick: '選んでください',
    lang: 'English',
  },
  en: {
    title: 'Safety check',
    intro: '{org} asks whether you are safe. Please tell us how you are.',
    drill: 'This is a drill.',
    status: 'How are you?',
    safe: 'Safe',
    minor_injury: 'Minor injury',
    serious_injury: 'Serious injury',
    location: 'Where are you?',
    gps: 'Add my location',
    gpsOn: 'Location added',
    gpsFail: 'Could not get the location',
    can_work: 'Can you work?',
    office: 'At the office',
    remote: 'From home',
    no: 'No',
    family_safe: 'Is your family safe?',
    yes: 'Yes',
    noFamily: 'No',
    home_damage: 'Damage to your home',
    none: 'None',
    partial: 'Some',
    severe: 'Severe',
    message: 'Message',
    send: 'Send',
    sending: 'Sending…',
    queued:
      'It will be sent as soon as the network is back. Keep this page open until then; if you close it, open the link again and it will be sent.',
    sent: 'Received ({at}). If things change, send again.',
    last: 'Your last answer: {at}',
    closed: 'This safety check has ended. Your answer was not recorded.',
    invalid: 'Please check your answer.',
    tooLong: 'Too long',
    pick: 'Please choose one',
    lang: '日本語',
  },
} as const;

const STYLE = `*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,sans-serif;color:#1a1b1e;background:#f5f6f8}main{max-width:34rem;margin:0 auto;padding:16px}h1{font-size:1.4rem;margin:.2rem 0}fieldset{border:0;margin:0 0 18px;padding:0}legend,label.t{font-weight:700;margin-bottom:6px;display:block}.o{display:flex;align-items:center;gap:10px;min-height:52px;padding:0 14px;margin:6px 0;background:#fff;border:2px solid #ced4da;border-radius:10px}.o:has(input:checked){border-color:#1864ab;background:#e7f5ff}.o input{width:22px;height:22px}textarea,input[type=text]{width:100%;font:inherit;padding:12px;border:2px solid #ced4da;border-radius:10px}button{font:inherit;font-weight:700;min-height:52px;width:100%;border:0;border-radius:10px;background:#1864ab;color:#fff;margin-top:6px}button.s{background:#fff;color:#1864ab;border:2px solid #1864ab}#l{width:auto;min-height:40px;padding:0 14px;float:right;margin:0}.n{padding:12px;border-radius:10px;margin:12px 0;background:#fff}.n.e{background:#ffe3e3}.n.ok{background:#d3f9d8}.d{background:#fff3bf;padding:6px 10px;border-radius:8px}.fe{color:#c92a2a;font-size:.9rem}`;

const SCRIPT = `(function(){var D=JSON.parse(document.getElementById('d').textContent),T=D.t,L=D.lang,K='ks'+location.pathname,f=document.getElementById('f'),m=document.getElementById('m'),busy=0,wait=5e3,timer;
function t(k,a){var s=T[L][k]||k;for(var x in a)s=s.replace('{'+x+'}',a[x]);return s}
function at(i){try{return new Date(i).toLocaleString(L==='ja'?'ja-JP':'en-GB',{dateStyle:'short',timeStyle:'short'})}catch(e){return i}}
function note(k,c,a){m.className='n '+(c||'');m.textContent=t(k,a);m.hidden=false}
function paint(){document.documentElement.lang=L;document.querySelectorAll('[data-t]').forEach(function(e){e.textContent=t(e.getAttribute('data-t'),{org:D.org})});document.title=t('title')}
function load(){try{return JSON.parse(localStorage.getItem(K)||'null')}catch(e){return null}}
function save(p){try{p?localStorage.setItem(K,JSON.stringify(p)):localStorage.removeItem(K)}catch(e){}}
function uuid(){if(crypto.randomUUID)return crypto.randomUUID();var b=crypto.getRandomValues(new Uint8Array(16));b[6]=b[6]&15|64;b[8]=b[8]&63|128;var h=Array.prototype.map.call(b,function(x){return(x+256).toString(16).slice(1)}).join('');return h.slice(0,8)+'-'+h.slice(8,12)+'-'+h.slice(12,16)+'-'+h.slice(16,20)+'-'+h.slice(20)}
function val(n){var e=f.querySelector('[name='+n+']:checked');return e?e.value:null}
function body(){var b={status:val('status')},v;if(f.location){v=f.location.value.trim();b.location=v||null;b.coords=D.coords||null}if(f.querySelector('[name=can_work]'))b.canWork=val('can_work');if(f.querySelector('[name=family_safe]')){v=val('family_safe');b.familySafe=v===null?null:v==='1'}if(f.querySelector('[name=home_damage]'))b.homeDamage=val('home_damage');if(f.message){v=f.message.value.trim();b.message=v||null}return b}
function clearErr(){f.querySelectorAll('.fe').forEach(function(e){e.remove()})}
function fieldErr(issues){(issues||[]).forEach(function(i){var n=i.path&&i.path[0],el=n&&(f.querySelector('[name='+(n==='canWork'?'can_work':n==='familySafe'?'family_safe':n==='homeDamage'?'home_damage':n==='coords'?'location':n)+']'));if(!el)return;var p=document.createElement('div');p.className='fe';p.textContent=t(i.code==='too_big'?'tooLong':'invalid');(el.closest('fieldset')||el.parentNode).appendChild(p)})}
function send(){var p=load();if(!p||busy)return;busy=1;clearTimeout(timer);note('sending');
fetch(location.pathname,{method:'POST',headers:{'content-type':'application/json','idempotency-key':p.key},body:JSON.stringify(p.body),credentials:'omit'}).then(function(r){return r.json().catch(function(){return{}}).then(function(j){busy=0;
if(r.ok){save(null);wait=5e3;note('sent','ok',{at:at(j.answer.answeredAt)});return}
if(r.status===409&&j.code==='incident_closed'){save(null);note('closed','e');return}
if(r.status===400||r.status===409){save(null);note('invalid','e');fieldErr(j.issues);return}
retry()})},function(){busy=0;retry()})}
function retry(){note('queued');timer=setTimeout(send,wait);wait=Math.min(wait*2,6e4)}
f.addEventListener('submit',function(e){e.preventDefault();clearErr();var b=body();if(!b.status){note('pick','e');return}var p=load();save({key:p&&JSON.stringify(p.body)===JSON.stringify(b)?p.key:uuid(),body:b});send()});
var g=document.getElementById('g');if(g)g.onclick=function(){if(!navigator.geolocation){note('gpsFail','e');return}navigator.geolocation.getCurrentPosition(function(p){D.coords={lat:p.coords.latitude,lng:p.coords.longitude,accuracy:Math.min(p.coords.accuracy,1e5)};g.setAttribute('data-t','gpsOn');paint()},function(){note('gpsFail','e')},{timeout:15e3})};
document.getElementById('l').onclick=function(){L=L==='ja'?'en':'ja';paint()};
addEventListener('online',function(){wait=5e3;send()});
paint();if(D.closed){note('closed','e');f.hidden=true}else if(load())send();else if(D.last)note('last','',{at:at(D.last)})})();`;

const SCRIPT_HASH = `'sha256-${crypto.createHash('sha256').update(SCRIPT).digest('base64')}'`;

/** The answer page's own policy: its inline script by hash, nothing from elsewhere, no framing. */
export const ANSWER_PAGE_CSP = `default-src 'none'; script-src ${SCRIPT_HASH}; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** JSON inside a script element: no `<` may close it early. */
const inertJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

function choices(name: string, values: readonly [string, string][], checked: string | null): string {
  return values
    .map(
      ([v, key]) =>
        `<label class="o"><input type="radio" name="${name}" value="${v}"${checked === v ? ' checked' : ''}><span data-t="${key}"></span></label>`,
    )
    .join('');
}

export interface AnswerPageData {
  lang: PageLang;
  orgName: string;
  incidentTitle: string;
  personName: string;
  drill: boolean;
  closed: boolean;
  questions: readonly SafetyQuestion[];
  latest: SafetyAnswer | null;
}

/** The answer page for one person. */
export function answerPage(d: AnswerPageData): string {
  const asks = (q: SafetyQuestion) => d.questions.includes(q);
  const a = d.latest;
  const fs = (legend: string, inner: string) =>
    `<fieldset><legend data-t="${legend}"></legend>${inner}</fieldset>`;
  const parts = [
    fs(
      'status',
      choices(
        'status',
        [
          ['safe', 'safe'],
          ['minor_injury', 'minor_injury'],
          ['serious_injury', 'serious_injury'],
        ],
        a?.status ?? null,
      ),
    ),
  ];
  if (asks('location'))
    parts.push(
      `<fieldset><label class="t" for="loc" data-t="location"></label><input type="text" id="loc" name="location" maxlength="${SAFETY_LIMITS.location}" value="${esc(a?.location ?? '')}" autocomplete="off"><button type="button" class="s" id="g" data-t="gps"></button></fieldset>`,
    );
  if (asks('can_work'))
    parts.push(
      fs(
        'can_work',
        choices(
          'can_work',
          [
            ['office', 'office'],
            ['remote', 'remote'],
            ['no', 'no'],
          ],
          a?.canWork ?? null,
        ),
      ),
    );
  if (asks('family_safe'))
    parts.push(
      fs(
        'family_safe',
        choices(
          'family_safe',
          [
            ['1', 'yes'],
            ['0', 'noFamily'],
          ],
          a?.familySafe == null ? null : a.familySafe ? '1' : '0',
        ),
      ),
    );
  if (asks('home_damage'))
    parts.push(
      fs(
        'home_damage',
        choices(
          'home_damage',
          [
            ['none', 'none'],
            ['partial', 'partial'],
            ['severe', 'severe'],
          ],
          a?.homeDamage ?? null,
        ),
      ),
    );
  if (asks('message'))
    parts.push(
      `<fieldset><label class="t" for="msg" data-t="message"></label><textarea id="msg" name="message" rows="3" maxlength="${SAFETY_LIMITS.message}">${esc(a?.message ?? '')}</textarea></fieldset>`,
    );
  const data = {
    lang: d.lang,
    org: d.orgName,
    closed: d.closed,
    last: a?.answeredAt ?? null,
    coords: a?.coords ?? null,
    t: T,
  };
  return `<!doctype html><html lang="${d.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${T[d.lang].title}</title><style>${STYLE}</style></head><body><main><button type="button" id="l" class="s" data-t="lang"></button><h1 data-t="title"></h1><p><strong>${esc(d.personName)}</strong> — ${esc(d.incidentTitle)}</p><p data-t="intro"></p>${d.drill ? '<p class="d" data-t="drill"></p>' : ''}<div id="m" class="n" role="status" aria-live="polite" hidden></div><form id="f" novalidate>${parts.join('')}<button type="submit" data-t="send"></button></form></main><script type="application/json" id="d">${inertJson(data)}</script><script>${SCRIPT}</script></body></html>`;
}

/** The one refusal every unusable link gets (unknown, malformed, another's, guessed): it says nothing more. */
export function refusalPage(lang: PageLang): string {
  const text =
    lang === 'en'
      ? 'This link cannot be used. Ask the person who sent it for a new one.'
      : 'このリンクは使えません。送った人に新しいリンクを頼んでください。';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>keizoku</title><style>body{font:17px/1.5 system-ui,sans-serif;margin:0;padding:24px;background:#f5f6f8}</style></head><body><p>${text}</p></body></html>`;
}
