import { GlossaryContentSchema } from '../../../domain/content-schemas.js';
import type { GlossaryResponse } from '../../../shared/glossary.js';
import { contentFile } from '../../content/load.js';

const terms = contentFile('glossary/terms.yaml', GlossaryContentSchema);

/** GET /glossary: content/glossary/terms.yaml without the spellings to avoid (read once per process). */
export function glossary(): GlossaryResponse {
  return {
    terms: terms().terms.map((t) => ({ id: t.id, term: t.term, abbr: t.abbr ?? null, explain: t.explain })),
  };
}
