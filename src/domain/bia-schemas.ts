/**
 * zod schemas of the BIA terms, built once from the vocabulary of bia.ts and rto.ts. The API
 * contract (src/shared/bia-api.ts, src/shared/inventory.ts) and the content files
 * (content-schemas.ts) both use them, so a priority, a scale or an RTO is checked the same way
 * everywhere.
 */

import { z } from 'zod';
import { PRIORITIES, SCALES, type Scale } from './bia.js';
import { DURATION_UNITS, RTO_MAX_MINUTES, type Rto } from './rto.js';

export const PrioritySchema = z.enum(PRIORITIES);
export const ScaleSchema = z.union(SCALES.map((s) => z.literal(s)) as [z.ZodLiteral<3>, z.ZodLiteral<5>]);

const Minutes = z.number().int().min(0).max(RTO_MAX_MINUTES);
/** The unit the time was written in, for showing it the same way again (minutes are the value). */
const Unit = z.enum(DURATION_UNITS).optional();
/**
 * A recovery time objective: within `minutes` (0 = immediately), "`minutes` or more", or one of
 * the states "risk accepted" / "not set" (not numbers). Same union as `Rto` (rto.ts).
 */
export const RtoSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('duration'), minutes: Minutes, unit: Unit }),
  z.strictObject({ kind: z.literal('at_least'), minutes: Minutes, unit: Unit }),
  z.strictObject({ kind: z.literal('risk_accepted') }),
  z.strictObject({ kind: z.literal('not_set') }),
]);

// Compile-time checks that the schemas and the domain types describe the same values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameRto: Same<z.infer<typeof RtoSchema>, Rto> = true;
const sameScale: Same<z.infer<typeof ScaleSchema>, Scale> = true;
void sameRto;
void sameScale;
