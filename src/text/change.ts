import type { AnswerChange, AssessmentDiff, ChangeKind } from "../core/diff.js";
import type { AnswerValue } from "../core/types.js";

/** The groups every diff format lists answer changes in, in this order, with their headings. */
export const CHANGE_GROUPS: { kind: ChangeKind; title: string }[] = [
  { kind: "regressed", title: "Regressed" },
  { kind: "unanswered", title: "Newly unanswered" },
  { kind: "improved", title: "Improved" },
  { kind: "answered", title: "Newly answered" },
  { kind: "changed", title: "Changed to or from n/a" },
];

/** A delta with its sign (+3, -2, 0), or "–" when there is none. */
export function signed(delta: number | null): string {
  if (delta === null) return "–";
  return delta > 0 ? `+${delta}` : String(delta);
}

/** A score, or "–" for none (every question n/a, or the principle absent from that pack). */
export const scoreText = (score: number | null) => (score === null ? "–" : String(score));

/** An answer as the diff shows it. */
export const answerText = (answer: AnswerValue | null) => answer ?? "unanswered";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The changes of one kind. */
export const changesOf = (d: AssessmentDiff, kind: ChangeKind): AnswerChange[] => d.changes.filter((c) => c.kind === kind);

/**
 * The one-line verdict that heads every diff: "Score 59 → 72 (+13), 3 answers changed: 2 regressed,
 * 1 newly answered". Each kind of change is counted under its group's name (CHANGE_GROUPS), the
 * regressions (regressed, newly unanswered) first, as those are what a reviewer acts on; "none
 * regressed" is said when there are none.
 */
export function verdict(d: AssessmentDiff): string {
  const { before, after } = d;
  const score = `Score ${scoreText(before.score)} → ${scoreText(after.score)} (${d.delta === null ? "–" : d.delta === 0 ? "no change" : signed(d.delta)})`;
  const band = before.band !== after.band ? `, band ${before.band ?? "none"} → ${after.band ?? "none"}` : "";
  const worse = changesOf(d, "regressed").length + changesOf(d, "unanswered").length;
  const groups = CHANGE_GROUPS.map((g) => ({ n: changesOf(d, g.kind).length, name: g.title.toLowerCase() })).filter((g) => g.n > 0);
  const answers = !d.changes.length ? "no answers changed"
    : `${plural(d.changes.length, "answer", "answers")} changed: ${[...groups.map((g) => `${g.n} ${g.name}`), ...(worse ? [] : ["none regressed"])].join(", ")}`;
  const metadata = d.metadata.length ? `${plural(d.metadata.length, "metadata regression", "metadata regressions")}, ` : "";
  return `${score}${band}, ${metadata}${answers}`;
}
