/** A moment as the value of a datetime-local input, in the browser's own zone (2026-12-07T09:30). */
export const toLocalInput = (d: Date): string => {
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
};

/** A datetime-local value back to an ISO instant; empty when the field is empty or not a date. */
export const fromLocalInput = (value: string): string => {
  const d = value ? new Date(value) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
};
