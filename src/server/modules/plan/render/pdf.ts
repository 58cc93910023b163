import type { PlanDocument } from '../../../../domain/plan-document.js';
import { renderBlocksPdf } from '../../../documents/block-pdf.js';
import { statusLine } from './words.js';

/** The IT-BCP as a PDF: a title page with the contents, then a page per section. */
export function renderPdf(doc: PlanDocument, generatedLocal: string): Promise<Buffer> {
  return renderBlocksPdf(
    {
      locale: doc.locale,
      title: doc.title,
      organizationName: doc.organizationName,
      subtitle: [statusLine(doc)],
      sections: doc.sections,
      contents: true,
    },
    generatedLocal,
  );
}
