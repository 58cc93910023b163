import { z } from 'zod';

/** What a home-page finding is about; the web app words each code (home.findings.<code>). */
export const HOME_FINDING_CODES = ['account_locked'] as const;
/** Most urgent first: the home page lists findings in this order. */
export const HOME_FINDING_SEVERITIES = ['critical', 'warning', 'info'] as const;

/** One thing the home page tells the reader, with where to fix it. */
const HomeFindingSchema = z.object({
  code: z.enum(HOME_FINDING_CODES),
  severity: z.enum(HOME_FINDING_SEVERITIES),
  /** The values its sentence names: a person's name, an ISO-8601 time … */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The page of the web app where the reader acts on it, or null. */
  link: z.string().nullable(),
});
export type HomeFinding = z.infer<typeof HomeFindingSchema>;

/** Answer of GET /api/v1/home/findings: the findings the caller may see, most urgent first. */
export const HomeFindingsResponseSchema = z.object({ items: z.array(HomeFindingSchema) });
export type HomeFindingsResponse = z.infer<typeof HomeFindingsResponseSchema>;
