/*
 * keizoku's service worker. It does one thing: keep the latest issued edition of the IT-BCP on
 * this device, so that /plan/offline opens it with the network (or the server) down.
 *
 * It never caches the app's code or any other answer: every other request goes to the network as
 * if there were no service worker, so a deploy can never leave a stale app behind. A new version
 * of this file takes over at once (skipWaiting + clients.claim).
 *
 * The web app (signed in) tells it which edition is the latest: {type: 'keizoku-plan', number}
 * (null: none, or signed out), and it fetches that edition's offline HTML with the user's session
 * (ja and en) or drops what it kept. Nothing else with personal data is stored.
 */
const CACHE = 'keizoku-plan-offline-v1';
const LANGS = ['ja', 'en'];
const keyOf = (lang) => `/plan/offline?lang=${lang}`;

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

async function keep(number) {
  if (number === null) {
    await caches.delete(CACHE);
    return;
  }
  const cache = await caches.open(CACHE);
  for (const lang of LANGS) {
    const kept = await cache.match(keyOf(lang));
    if (kept && kept.headers.get('x-keizoku-edition') === String(number)) continue;
    const res = await fetch(`/api/v1/plan/editions/${number}/document?format=offline&lang=${lang}`, {
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!res.ok) continue;
    const headers = new Headers({
      'content-type': 'text/html; charset=utf-8',
      'x-keizoku-edition': String(number),
    });
    const csp = res.headers.get('content-security-policy');
    if (csp) headers.set('content-security-policy', csp);
    await cache.put(keyOf(lang), new Response(await res.blob(), { headers }));
  }
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'keizoku-plan') return;
  const number = Number.isInteger(data.number) && data.number > 0 ? data.number : null;
  event.waitUntil(
    keep(number).then(
      () => event.source?.postMessage({ type: 'keizoku-plan-kept', number }),
      () => event.source?.postMessage({ type: 'keizoku-plan-kept', number: null, failed: true }),
    ),
  );
});

/** The kept edition in the language asked for, else in the other one; else the app's own page. */
async function offlinePlan(request, url) {
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'ja';
  const cache = await caches.open(CACHE);
  for (const l of [lang, ...LANGS.filter((x) => x !== lang)]) {
    const hit = await cache.match(keyOf(l));
    if (hit) return hit;
  }
  return fetch(request);
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.mode !== 'navigate' || url.origin !== self.location.origin) return;
  if (url.pathname !== '/plan/offline') return;
  event.respondWith(offlinePlan(event.request, url));
});
