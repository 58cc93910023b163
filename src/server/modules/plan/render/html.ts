import type { PlanBlock, PlanDocument } from '../../../../domain/plan-document.js';
import { anchorOf, FRAME_WORDS, statusLine } from './words.js';

/**
 * The plan as one HTML page: print-ready (A4, each section on a new page, table headers repeated
 * by the browser from <thead>) and self-contained (inline CSS, no script, no image, no link out),
 * so the same file is the copy for a USB stick. Every text is escaped; the page's own
 * Content-Security-Policy forbids scripts and network access even if something slipped through.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: & < > " ' escaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const CSS = `
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; font-size: 11pt;
  line-height: 1.6; color: #111; margin: 0 auto; max-width: 60rem; padding: 1rem; overflow-wrap: anywhere; }
h1 { font-size: 1.8em; margin: 0 0 .3em; }
h2 { font-size: 1.35em; border-bottom: 2px solid #333; padding-bottom: .2em; margin-top: 2em; }
h3 { font-size: 1.1em; margin: 1.4em 0 .4em; }
.meta { color: #444; margin: .1em 0; }
.offline { border: 1px solid #666; padding: .6em .8em; margin: 1em 0; }
nav ol { padding-left: 1.6em; }
nav a { color: #0645ad; display: inline-block; min-height: 24px; padding: 2px 0; }
nav li { margin: .2em 0; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; font-size: .9em; }
caption { text-align: left; font-weight: bold; padding: .2em 0; }
th, td { border: 1px solid #888; padding: .25em .4em; vertical-align: top; text-align: left; white-space: pre-wrap; }
thead th { background: #eee; }
.table-wrap { overflow-x: auto; }
.note { border-left: 4px solid #666; padding: .4em .8em; margin: .8em 0; background: #f6f6f6; }
.note.warning { border-color: #b35c00; background: #fff4e5; }
.note.placeholder { border-color: #555; border-style: dashed; background: #fafafa; }
.note strong { margin-right: .5em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section.plan-section { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
  tr, .note { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  nav a { color: #111; text-decoration: none; }
  .table-wrap { overflow: visible; }
}
`;

/** Scripts, frames, objects and the network are forbidden; only the inline style is allowed. */
const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function block(b: PlanBlock, w: (typeof FRAME_WORDS)['ja' | 'en']): string {
  switch (b.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(b.text)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(b.text)}</h3>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`;
    }
    case 'table':
      return (
        `<div class="table-wrap"><table><caption>${escapeHtml(b.caption)}</caption><thead><tr>` +
        b.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('') +
        '</tr></thead><tbody>' +
        b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('') +
        '</tbody></table></div>'
      );
    case 'note':
      return `<div class="note ${b.tone}" role="note"><strong>${escapeHtml(w[b.tone])}</strong>${escapeHtml(b.text)}</div>`;
  }
}

export interface HtmlOptions {
  /** The copy to keep offline: says so at the top. */
  offline: boolean;
  /** generatedAt as the organization reads it ("2026-12-07 12:34"). */
  generatedLocal: string;
}

export function renderHtml(doc: PlanDocument, options: HtmlOptions): string {
  const w = FRAME_WORDS[doc.locale];
  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>',
    `<html lang="${doc.locale}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(`${doc.title} — ${doc.organizationName}`)}</title>`,
    `<style>${CSS}</style></head><body>`,
    '<header>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="meta">${escapeHtml(doc.organizationName)}</p>`,
    `<p class="meta">${escapeHtml(statusLine(doc))}</p>`,
    `<p class="meta">${escapeHtml(w.generated(options.generatedLocal))}</p>`,
  );
  if (options.offline) out.push(`<p class="offline">${escapeHtml(w.offline)}</p>`);
  out.push(
    `<nav aria-labelledby="toc"><h2 id="toc">${escapeHtml(w.contents)}</h2><ol>`,
    ...doc.sections.map((s) => `<li><a href="#${anchorOf(s.id)}">${escapeHtml(s.title)}</a></li>`),
    '</ol></nav></header><main>',
  );
  doc.sections.forEach((s, i) => {
    out.push(
      `<section class="plan-section" id="${anchorOf(s.id)}" aria-labelledby="${anchorOf(s.id)}-title">`,
      `<h2 id="${anchorOf(s.id)}-title">${i + 1}. ${escapeHtml(s.title)}</h2>`,
      ...s.blocks.map((b) => block(b, w)),
      '</section>',
    );
  });
  out.push('</main></body></html>');
  return out.join('\n');
}

/** The CSP the server also sends with the HTML answer. */
export const HTML_CSP = CSP;
