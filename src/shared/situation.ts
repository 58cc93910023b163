import { z } from 'zod';
import { INCIDENT_MODES } from '../domain/incidents.js';
import { LOCALES } from '../domain/organization.js';
import { PlanBlockSchema } from './plan.js';

/**
 * The situation report (状況報告) of an incident, worded on the server in the reader's language and
 * time zone: the web prints it as a page and the server as a PDF, from the same sections.
 */
export const SituationQuerySchema = z.strictObject({ lang: z.enum(LOCALES).default('ja') });

export const SituationReportSchema = z.object({
  incidentId: z.string(),
  mode: z.enum(INCIDENT_MODES),
  locale: z.enum(LOCALES),
  title: z.string(),
  organizationName: z.string(),
  /** Set on a drill's report: printed above the title and on every page. */
  banner: z.string().nullable(),
  subtitle: z.array(z.string()),
  generatedAt: z.string(),
  /** generatedAt in the organization's time zone, as printed. */
  generatedLocal: z.string(),
  sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(PlanBlockSchema) })),
});
export type SituationReport = z.infer<typeof SituationReportSchema>;
