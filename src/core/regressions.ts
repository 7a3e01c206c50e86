import { diffAssessments, isRegression } from "./diff.js";
import type { Assessment, Position } from "./types.js";
import type { Finding, Policy } from "./verdict.js";

const LABEL = (v: string | null) => v ?? "unanswered";

/**
 * Findings for what got worse since a baseline assessment: SCORE_REGRESSION (an error) when the
 * overall score or a principle's score is lower than the baseline's, as `check` rounds them, and
 * ANSWER_REGRESSION for each answer that moved down (yes → partial or no, partial → no, answered →
 * unanswered), and METADATA_REGRESSION for each change of the metadata that loosens the check
 * (core/metadata.ts), both warnings unless the policy sets no-regressions. Located in the new file.
 */
export function regressionFindings(baseline: Assessment, a: Assessment, policy: Policy): Finding[] {
  const diff = diffAssessments(baseline, a);
  const { positions } = a.answers;
  const at = (pos: Position | undefined) => pos ?? positions.answers;
  const out: Finding[] = [];
  if (diff.delta !== null && diff.delta < 0) {
    out.push({ code: "SCORE_REGRESSION", severity: "error", message: `overall score ${a.score} is lower than the baseline's ${baseline.score} (${diff.delta})`, principle: null, question: null, ...at(undefined) });
  }
  for (const p of diff.principles) {
    if (p.delta === null || p.delta >= 0) continue;
    out.push({ code: "SCORE_REGRESSION", severity: "error", message: `${p.title} scores ${p.after}, lower than the baseline's ${p.before} (${p.delta})`, principle: p.id, question: null, ...at(positions.principles.get(p.id)) });
  }
  const severity = policy.noRegressions ? "error" : "warning";
  for (const m of diff.metadata) {
    out.push({ code: "METADATA_REGRESSION", severity, message: m.message, principle: null, question: null, ...m.position });
  }
  for (const c of diff.changes.filter((x) => isRegression(x.kind))) {
    const answer = a.answers.answers.get(c.principle)?.get(c.question);
    out.push({
      code: "ANSWER_REGRESSION", severity, message: `${c.principle}/${c.question} went from ${LABEL(c.before)} to ${LABEL(c.after)} since the baseline`,
      principle: c.principle, question: c.question, ...at(answer?.position ?? positions.principles.get(c.principle)),
    });
  }
  return out;
}
