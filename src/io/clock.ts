import type { Io } from "./io.js";

/**
 * The moment an output says it was made: SOURCE_DATE_EPOCH when set (reproducible builds'
 * convention, so the same inputs give byte-identical output), otherwise now. ISO 8601, UTC.
 */
export function generatedAt(io: Io): string {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : io.now();
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Today's date in UTC as YYYY-MM-DD: the day the policy's max-age-days counts to. */
export function today(io: Io): string {
  return io.now().toISOString().slice(0, 10);
}
