/** Bounds on what any input may make the parsers do, shared by the full and the fast YAML paths. */

/** Aliases expanded at most this many times when converting, which defuses "billion laughs". */
export const MAX_ALIAS_COUNT = 100;
/** Deeper nesting is refused before composing, which recurses once per level (~800 overflow the stack). */
export const MAX_DEPTH = 64;
/** More YAML tokens than this are refused unparsed: answers files and checklists have about 2,000. */
export const MAX_TOKENS = 20_000;

/** True for a YYYY-MM-DD string naming a day that exists (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
