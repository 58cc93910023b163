/** A PDF as a reader gets it (pdf.js): the text of each page, all of it, and its bookmarks' titles. */
export async function readPdf(buf: Buffer): Promise<{ pages: string[]; text: string; outline: string[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(buf), useSystemFonts: false }).promise;
  try {
    const pages: string[] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent();
      pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(''));
    }
    const outline = ((await pdf.getOutline()) ?? []).map((o) => o.title);
    return { pages, text: pages.join('\n'), outline };
  } finally {
    await pdf.destroy();
  }
}
