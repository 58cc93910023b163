/**
 * Web app size benchmark (PRODUCT.md: initial JavaScript ≤ 250 KB compressed). Reads the build in
 * dist/web (run `npm run build:web` first): what the shell loads before the first page shows —
 * the entry script, every script it preloads, and the styles — as the files the server sends, i.e.
 * the .gz and .br the build writes beside each one (or the file itself where those would not be
 * smaller). Prints each file's size, the totals and the
 * ratio of each compressed total to the uncompressed one (the baseline). FAIL (exit 1) when the
 * gzip total of the initial JavaScript passes 250 KB.
 *
 * Run: npm run bench:web-size
 */

import fs from 'node:fs';
import path from 'node:path';

const LIMIT_KB = 250;
const webRoot = path.resolve(import.meta.dirname, '../dist/web');

interface Sizes {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** The files index.html loads up front: its module script, its module preloads and its styles. */
function initialFiles(html: string): { scripts: string[]; styles: string[] } {
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [tag] of html.matchAll(/<(script|link)\b[^>]*>/g)) {
    if (tag.startsWith('<script') && tag.includes('type="module"')) {
      const src = attr(tag, 'src');
      if (src) scripts.push(src);
    } else if (tag.includes('rel="modulepreload"')) {
      const href = attr(tag, 'href');
      if (href) scripts.push(href);
    } else if (tag.includes('rel="stylesheet"')) {
      const href = attr(tag, 'href');
      if (href) styles.push(href);
    }
  }
  return { scripts, styles };
}

function sizesOf(url: string): Sizes {
  const file = path.join(webRoot, url.replace(/^\//, ''));
  const raw = fs.statSync(file).size;
  // The build skips a compressed copy that would not be smaller: the server then sends the file.
  const compressed = (ext: string) =>
    fs.existsSync(`${file}${ext}`) ? fs.statSync(`${file}${ext}`).size : raw;
  return { file: url, raw, gzip: compressed('.gz'), brotli: compressed('.br') };
}

const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KB`;

function total(list: Sizes[]): Sizes {
  return list.reduce(
    (a, s) => ({ file: a.file, raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }),
    {
      file: 'total',
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
}

function main() {
  const indexHtml = path.join(webRoot, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    console.error('No web build in dist/web: run `npm run build:web` first.');
    process.exit(2);
  }
  const { scripts, styles } = initialFiles(fs.readFileSync(indexHtml, 'utf8'));
  const js = scripts.map(sizesOf).sort((a, b) => b.raw - a.raw);
  const css = styles.map(sizesOf);
  console.log(`initial download of the web app: ${js.length} scripts, ${css.length} style sheets (dist/web)`);
  console.log(`${'file'.padEnd(52)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
  for (const s of [...js, ...css])
    console.log(`${s.file.padEnd(52)} ${kb(s.raw)} ${kb(s.gzip)} ${kb(s.brotli)}`);
  const jsTotal = total(js);
  const all = total([...js, ...css]);
  const ratio = (n: number, base: number) => `×${(n / base).toFixed(2)} of raw`;
  console.log(
    `JavaScript: raw ${kb(jsTotal.raw)} (baseline); gzip ${kb(jsTotal.gzip)} ${ratio(jsTotal.gzip, jsTotal.raw)}; brotli ${kb(jsTotal.brotli)} ${ratio(jsTotal.brotli, jsTotal.raw)}`,
  );
  console.log(`JavaScript + CSS: gzip ${kb(all.gzip)}; brotli ${kb(all.brotli)}`);
  const ok = jsTotal.gzip <= LIMIT_KB * 1024;
  console.log(`${ok ? 'ok  ' : 'FAIL'} initial JavaScript, gzip ${kb(jsTotal.gzip)} (limit ${LIMIT_KB} KB)`);
  if (!ok) process.exitCode = 1;
}

main();
