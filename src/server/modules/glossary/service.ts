import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GlossaryContent, GlossaryContentSchema } from '../../../domain/content-schemas.js';
import type { GlossaryResponse } from '../../../shared/glossary.js';
import { loadContentFile } from '../../content/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** src/server/modules/glossary and dist/server/modules/glossary are both four levels below the root. */
const FILE = path.resolve(here, '../../../../content/glossary/terms.yaml');

let cached: GlossaryContent | null = null;

/** GET /glossary: content/glossary/terms.yaml without the spellings to avoid (read once per process). */
export function glossary(): GlossaryResponse {
  cached ??= loadContentFile(FILE, GlossaryContentSchema);
  return {
    terms: cached.terms.map((t) => ({ id: t.id, term: t.term, abbr: t.abbr ?? null, explain: t.explain })),
  };
}
