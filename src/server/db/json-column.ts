import { z } from 'zod';

/**
 * A JSON text column read back through the zod schema of what it holds, so a corrupted row fails
 * here, naming the column, instead of flowing on as a value of the wrong type. Good rows read as
 * before (schemas of stored values accept what the app has ever written).
 *
 * @example decodeJsonColumn(RtoSchema, row.rto_override, 'systems.rto_override') // { kind: 'duration', minutes: 240 }
 */
export function decodeJsonColumn<S extends z.ZodType>(schema: S, text: string, column: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`stored ${column} is not JSON`);
  }
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`stored ${column} does not match its schema:\n${z.prettifyError(result.error)}`);
  return result.data;
}
