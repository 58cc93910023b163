import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../domain/organization.js';
import type { PlanBlock } from '../../domain/plan-document.js';
import { DOCUMENT_WORDS, type DocumentWords } from './document-words.js';

/**
 * A document of titled sections of blocks (paragraphs, lists, tables, notes; domain/plan-document.ts)
 * as a PDF made on the server (pdfkit): the IT-BCP (modules/plan) and the incident headquarters'
 * situation report and chronology (modules/incidents). Noto Sans JP from npm
 * (@expo-google-fonts/noto-sans-jp, SIL Open Font License 1.1, its LICENSE_FONT ships in the
 * package) is embedded as a subset of the characters used, with a ToUnicode map so the text can
 * be searched and copied. With contents, each section starts a page and has a bookmark the
 * contents link to; without, sections follow on. A table's header row is drawn again at the top
 * of each page it continues on.
 */

export interface BlockPdf {
  locale: Locale;
  title: string;
  organizationName: string;
  /** Lines under the title (the plan's edition; the report's incident). */
  subtitle: readonly string[];
  sections: readonly { id: string; title: string; blocks: readonly PlanBlock[] }[];
  /** What an empty section says, when not the usual 未作成 / Not written yet. */
  placeholder?: string;
  /** A title page with the contents and a page per section (the plan); else one flowing report. */
  contents: boolean;
  /** Printed at the top of every page, e.g. 訓練 on a drill's report. */
  banner?: string;
}

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf'),
    ),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf')),
  };
  return fonts;
}

const MARGIN = 50;
const BODY = 10;
const CELL_PAD = 3;
const TABLE_SIZE = 8.5;

type Doc = PDFKit.PDFDocument;

function bottom(doc: Doc) {
  return doc.page.height - doc.page.margins.bottom;
}

function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** Column widths: shares of the width by each column's longest text, none below a minimum. */
function columnWidths(columns: readonly string[], rows: readonly (readonly string[])[], width: number) {
  const sample = rows.slice(0, 200);
  const weights = columns.map((c, i) => {
    const longest = Math.max(c.length, ...sample.map((r) => Math.min(60, (r[i] ?? '').length)));
    return Math.max(4, Math.min(40, longest));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const min = Math.min(40, width / columns.length);
  const raw = weights.map((w) => Math.max(min, (w / total) * width));
  const scale = width / raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w * scale);
}

/**
 * Table cells are wrapped here rather than by pdfkit's line wrapper, which measures every
 * Japanese character as a word through the font's shaping and made a 500-system plan take
 * seconds per table. Each character's width is measured once per font and size; a line breaks
 * before the character that would overflow, at the last space when the line has one (Latin
 * words stay whole), and at every line break of the text.
 */
class CellWrapper {
  private readonly widths = new Map<string, number>();
  constructor(
    private readonly doc: Doc,
    private readonly font: 'regular' | 'bold',
  ) {}

  private widthOf(ch: string): number {
    let w = this.widths.get(ch);
    if (w === undefined) {
      w = this.doc.font(this.font).fontSize(TABLE_SIZE).widthOfString(ch);
      this.widths.set(ch, w);
    }
    return w;
  }

  lines(text: string, width: number): string[] {
    const out: string[] = [];
    for (const para of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      let lastSpace = -1;
      for (const ch of para) {
        const w = this.widthOf(ch);
        if (lineWidth + w > width && line !== '') {
          if (ch === ' ') {
            out.push(line);
            line = '';
            lineWidth = 0;
            lastSpace = -1;
            continue;
          }
          if (lastSpace > 0) {
            out.push(line.slice(0, lastSpace));
            line = line.slice(lastSpace + 1);
          } else {
            out.push(line);
            line = '';
          }
          lineWidth = [...line].reduce((sum, c) => sum + this.widthOf(c), 0);
          lastSpace = -1;
        }
        if (ch === ' ') lastSpace = line.length;
        line += ch;
        lineWidth += w;
      }
      out.push(line);
    }
    return out;
  }
}

/** The part of pdfkit's embedded font that lays text out into glyphs (pdfkit internals). */
interface GlyphRun {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}
interface LayoutFont {
  layout(text: string, features?: unknown, onlyWidth?: boolean): GlyphRun;
  layoutCached(text: string): GlyphRun;
}

/**
 * Lays text out one character at a time from pdfkit's own per-text cache, instead of shaping
 * every new line through fontkit: Japanese has no kerning or ligatures to lose, and a plan of
 * 500 systems has thousands of different lines. The same glyphs, widths and ToUnicode entries
 * result; only the shaping across characters is skipped.
 */
function layoutByCharacter(doc: Doc, name: 'regular' | 'bold') {
  doc.font(name);
  const font = (doc as unknown as { _font: LayoutFont })._font;
  const shaped = font.layout.bind(font);
  font.layout = (text, features, onlyWidth) => {
    if (features) return shaped(text, features, onlyWidth);
    const glyphs: unknown[] = [];
    const positions: unknown[] = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const run = font.layoutCached(ch);
      if (!onlyWidth) {
        glyphs.push(...run.glyphs);
        positions.push(...run.positions);
      }
      advanceWidth += run.advanceWidth;
    }
    return { glyphs: onlyWidth ? [] : glyphs, positions: onlyWidth ? [] : positions, advanceWidth };
  };
}

interface Wrappers {
  regular: CellWrapper;
  bold: CellWrapper;
  lineHeight: number;
}

function wrapRow(cells: readonly string[], widths: number[], wrap: CellWrapper, lineHeight: number) {
  const lines = cells.map((c, i) => wrap.lines(c, (widths[i] ?? 40) - 2 * CELL_PAD));
  const height = Math.max(1, ...lines.map((l) => l.length)) * lineHeight + 2 * CELL_PAD;
  return { lines, height };
}

function drawRow(
  doc: Doc,
  row: { lines: string[][]; height: number },
  widths: number[],
  header: boolean,
  lineHeight: number,
): void {
  doc.font(header ? 'bold' : 'regular').fontSize(TABLE_SIZE);
  const y = doc.y;
  let x = MARGIN;
  row.lines.forEach((lines, i) => {
    const w = widths[i] ?? 40;
    if (header) doc.rect(x, y, w, row.height).fillAndStroke('#eeeeee', '#888888');
    else doc.rect(x, y, w, row.height).lineWidth(0.5).stroke('#888888');
    doc.fillColor('#111111');
    lines.forEach((line, k) => {
      if (line) doc.text(line, x + CELL_PAD, y + CELL_PAD + k * lineHeight, { lineBreak: false });
    });
    x += w;
  });
  doc.x = MARGIN;
  doc.y = y + row.height;
}

function table(doc: Doc, b: Extract<PlanBlock, { kind: 'table' }>, width: number, wrappers: Wrappers) {
  const { lineHeight } = wrappers;
  const widths = columnWidths(b.columns, b.rows, width);
  const header = wrapRow(b.columns, widths, wrappers.bold, lineHeight);
  doc.font('bold').fontSize(BODY);
  ensureRoom(doc, doc.heightOfString(b.caption, { width }) + header.height * 2);
  doc.text(b.caption, MARGIN, doc.y, { width });
  doc.moveDown(0.2);
  drawRow(doc, header, widths, true, lineHeight);
  for (const r of b.rows) {
    const row = wrapRow(r, widths, wrappers.regular, lineHeight);
    if (doc.y + row.height > bottom(doc)) {
      doc.addPage();
      drawRow(doc, header, widths, true, lineHeight);
    }
    drawRow(doc, row, widths, false, lineHeight);
  }
  doc.moveDown(0.6);
}

function block(doc: Doc, b: PlanBlock, width: number, w: DocumentWords, wrappers: Wrappers) {
  switch (b.kind) {
    case 'paragraph':
      doc.font('regular').fontSize(BODY).text(b.text, MARGIN, doc.y, { width, paragraphGap: 4 });
      return;
    case 'subheading':
      doc.font('bold').fontSize(12);
      ensureRoom(doc, 40);
      doc.moveDown(0.4).text(b.text, MARGIN, doc.y, { width });
      doc.moveDown(0.2);
      return;
    case 'list':
      doc.font('regular').fontSize(BODY);
      b.items.forEach((item, i) => {
        doc.text(`${b.ordered ? `${i + 1}.` : '・'} ${item}`, MARGIN + 10, doc.y, {
          width: width - 10,
          paragraphGap: 2,
        });
      });
      doc.moveDown(0.3);
      return;
    case 'table':
      table(doc, b, width, wrappers);
      return;
    case 'note': {
      doc.font('bold').fontSize(BODY);
      const text = `【${w[b.tone]}】 ${b.text}`;
      const h = doc.heightOfString(text, { width: width - 16 }) + 8;
      ensureRoom(doc, h);
      const y = doc.y;
      doc.rect(MARGIN, y, width, h).fill(b.tone === 'warning' ? '#fff4e5' : '#f3f3f3');
      doc.rect(MARGIN, y, 3, h).fill(b.tone === 'warning' ? '#b35c00' : '#555555');
      doc.fillColor('#111111').text(text, MARGIN + 10, y + 4, { width: width - 16 });
      doc.x = MARGIN;
      doc.y = y + h + 6;
      return;
    }
  }
}

/** Destination names are fixed words (the section ids), never user text. */
const destination = (id: string) => `section_${id.replace(/-/g, '_')}`;

export function renderBlocksPdf(doc: BlockPdf, generatedLocal: string): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const w = { ...DOCUMENT_WORDS[doc.locale], ...(doc.placeholder ? { placeholder: doc.placeholder } : {}) };
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: doc.locale,
    displayTitle: true,
    info: {
      Title: `${doc.title} — ${doc.organizationName}`,
      Author: doc.organizationName,
      Creator: 'keizoku',
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('regular', regular);
  pdf.registerFont('bold', bold);
  layoutByCharacter(pdf, 'regular');
  layoutByCharacter(pdf, 'bold');
  const width = pdf.page.width - 2 * MARGIN;
  const wrappers: Wrappers = {
    regular: new CellWrapper(pdf, 'regular'),
    bold: new CellWrapper(pdf, 'bold'),
    lineHeight: pdf.font('regular').fontSize(TABLE_SIZE).currentLineHeight(true),
  };

  // Title (and the contents, on a page of their own).
  if (doc.banner) pdf.font('bold').fontSize(14).fillColor('#b35c00').text(doc.banner, { width });
  pdf.fillColor('#111111').font('bold').fontSize(22).text(doc.title, { width });
  pdf.moveDown(0.3).font('regular').fontSize(13).text(doc.organizationName, { width });
  pdf.fontSize(BODY);
  for (const line of doc.subtitle) pdf.text(line, { width });
  pdf.text(w.generated(generatedLocal), { width });
  if (doc.contents) {
    pdf.moveDown(1).font('bold').fontSize(14).text(w.contents, { width });
    pdf.outline.addItem(w.contents);
    pdf.moveDown(0.3).font('regular').fontSize(11);
    doc.sections.forEach((s, i) => {
      pdf
        .fillColor('#0645ad')
        .text(`${i + 1}. ${s.title}`, MARGIN, pdf.y, { width, goTo: destination(s.id), paragraphGap: 3 });
    });
    pdf.fillColor('#111111');
  } else pdf.moveDown(0.8);

  doc.sections.forEach((s, i) => {
    if (doc.contents) pdf.addPage();
    else ensureRoom(pdf, 80);
    pdf.addNamedDestination(destination(s.id));
    pdf.outline.addItem(`${i + 1}. ${s.title}`);
    pdf
      .font('bold')
      .fontSize(16)
      .text(`${i + 1}. ${s.title}`, MARGIN, pdf.y, { width });
    pdf
      .moveTo(MARGIN, pdf.y + 2)
      .lineTo(MARGIN + width, pdf.y + 2)
      .lineWidth(1)
      .stroke('#333333');
    pdf.moveDown(0.8);
    for (const b of s.blocks) block(pdf, b, width, w, wrappers);
  });

  // Page numbers, written once every page exists (the bottom margin is lifted so the footer
  // does not start a new page).
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const m = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('regular')
      .fontSize(8)
      .fillColor('#555555')
      .text(
        [doc.banner, `${doc.organizationName} — ${w.page(i + 1)} / ${range.count}`]
          .filter(Boolean)
          .join('　'),
        MARGIN,
        pdf.page.height - 30,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    pdf.page.margins.bottom = m;
  }
  pdf.end();
  return done;
}
