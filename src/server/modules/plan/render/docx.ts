import {
  Bookmark,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { PlanBlock, PlanDocument } from '../../../../domain/plan-document.js';
import { anchorOf, FRAME_WORDS, statusLine } from './words.js';

/**
 * The plan as a Word document (docx): the sections are real Heading 1 paragraphs (Word's
 * navigation pane and LibreOffice's navigator list them), each starts a page, a table of contents
 * field lists and links them, and every table's header row repeats on each page. The library writes
 * the XML, so typed text is escaped and never becomes markup.
 */

/** A bookmark name: letters, digits and _ only (the section ids are fixed words). */
const bookmarkOf = (id: string) => anchorOf(id).replace(/-/g, '_');

/** Line breaks inside a text become breaks in the run. */
function runs(text: string, bold = false): TextRun[] {
  return text
    .split('\n')
    .map((line, i) => new TextRun({ text: line, ...(bold ? { bold } : {}), ...(i > 0 ? { break: 1 } : {}) }));
}

function cell(text: string, header: boolean): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: runs(text, header) })],
    ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEEEEE' } } : {}),
  });
}

function blocks(b: PlanBlock, w: (typeof FRAME_WORDS)['ja' | 'en']): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'paragraph':
      return [new Paragraph({ children: runs(b.text), spacing: { after: 120 } })];
    case 'subheading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(b.text) })];
    case 'list':
      return b.items.map((item, i) =>
        b.ordered
          ? new Paragraph({ children: runs(`${i + 1}. ${item}`), indent: { left: 360 } })
          : new Paragraph({ children: runs(item), bullet: { level: 0 } }),
      );
    case 'table':
      return [
        new Paragraph({ children: runs(b.caption, true), keepNext: true, spacing: { before: 120 } }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              tableHeader: true,
              cantSplit: true,
              children: b.columns.map((c) => cell(c, true)),
            }),
            ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c, false)) })),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    case 'note':
      return [
        new Paragraph({
          children: [new TextRun({ text: `${w[b.tone]}: `, bold: true }), ...runs(b.text)],
          shading: {
            type: ShadingType.CLEAR,
            color: 'auto',
            fill: b.tone === 'warning' ? 'FFF4E5' : 'F3F3F3',
          },
          border: {
            left: { style: 'single', size: 18, color: b.tone === 'warning' ? 'B35C00' : '555555', space: 6 },
          },
          spacing: { before: 120, after: 120 },
        }),
      ];
  }
}

export function renderDocx(doc: PlanDocument, generatedLocal: string): Promise<Buffer> {
  const w = FRAME_WORDS[doc.locale];
  const front: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title) }),
    new Paragraph({ children: runs(doc.organizationName, true) }),
    new Paragraph({ children: runs(statusLine(doc)) }),
    new Paragraph({ children: runs(w.generated(generatedLocal)), spacing: { after: 240 } }),
    new Paragraph({ children: runs(w.contents, true), spacing: { after: 120 } }),
  ];
  // A real TOC field over the Heading 1 paragraphs: written filled in (each entry linked to its
  // heading), so it reads before any update; Word fills in the page numbers when it opens the file.
  const contents = new TableOfContents(w.contents, { hyperlink: true, headingStyleRange: '1-1' });
  const body = doc.sections.flatMap((s, i) => [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: true,
      children: [new Bookmark({ id: bookmarkOf(s.id), children: [new TextRun(`${i + 1}. ${s.title}`)] })],
    }),
    ...s.blocks.flatMap((b) => blocks(b, w)),
  ]);
  const document = new Document({
    creator: 'keizoku',
    features: { updateFields: true },
    title: `${doc.title} — ${doc.organizationName}`,
    styles: {
      default: {
        document: {
          run: { font: { ascii: 'Noto Sans JP', eastAsia: 'Noto Sans JP', hAnsi: 'Noto Sans JP' }, size: 21 },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 },
          },
        },
        children: [...front, contents, ...body],
      },
    ],
  });
  return Packer.toBuffer(document);
}
