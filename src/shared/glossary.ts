import { z } from 'zod';

/** One glossary entry in the reader's two languages (content/glossary/terms.yaml). */
const GlossaryTermSchema = z.object({
  id: z.string(),
  term: z.object({ ja: z.string(), en: z.string() }),
  abbr: z.string().nullable(),
  explain: z.object({ ja: z.string(), en: z.string() }),
});
export type GlossaryTerm = z.infer<typeof GlossaryTermSchema>;

/** Answer of GET /api/v1/glossary: every term, in the file's order. */
export const GlossaryResponseSchema = z.object({ terms: z.array(GlossaryTermSchema) });
export type GlossaryResponse = z.infer<typeof GlossaryResponseSchema>;
