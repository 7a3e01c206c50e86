import type { LastChange } from "./audit.js";
import type { Answers } from "./types.js";

/**
 * Whether an assessment is signed off, as a portfolio shows it: "no" without a sign-off; "stale"
 * when a sign-off is older than the last change of an answer (SIGNOFF_STALE's rule), or when that
 * change cannot be dated (SIGNOFF_UNVERIFIED's case: a sign-off that cannot be checked is not
 * claimed); "yes" otherwise. Pure: the IO layer brings the last change.
 */
export type SignedOff = "yes" | "no" | "stale";

/** The sign-off state of answers whose answers last changed at `lastChange` (null: not known to have changed). */
export function signedOffState(answers: Pick<Answers, "signOff">, lastChange: LastChange | null): SignedOff {
  if (!answers.signOff.length) return "no";
  if (lastChange?.unverified !== undefined) return "stale";
  return lastChange && answers.signOff.some((s) => s.date < lastChange.date) ? "stale" : "yes";
}
