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
 * The one-line verdict that heads every diff: "Score 59 → 72 (+13), 2 answers regressed". It
 * names the regressions (regressed and newly unanswered) first, as those are what a reviewer acts on.
 */
export function verdict(d: AssessmentDiff): string {
  const { before, after } = d;
  const score = `Score ${scoreText(before.score)} → ${scoreText(after.score)} (${d.delta === null ? "–" : d.delta === 0 ? "no change" : signed(d.delta)})`;
  const band = before.band !== after.band ? `, band ${before.band ?? "none"} → ${after.band ?? "none"}` : "";
  const worse = changesOf(d, "regressed").length + changesOf(d, "unanswered").length;
  const better = changesOf(d, "improved").length + changesOf(d, "answered").length;
  const answers = !d.changes.length ? "no answers changed"
    : [worse ? `${plural(worse, "answer", "answers")} regressed` : "no answers regressed", better ? `${better} improved` : ""].filter(Boolean).join(", ");
  const metadata = d.metadata.length ? `${plural(d.metadata.length, "metadata regression", "metadata regressions")}, ` : "";
  return `${score}${band}, ${metadata}${answers}`;
}
