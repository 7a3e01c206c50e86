import type { Assessment, Finding, Policy, Position, ScoredPrinciple, ScoredQuestion } from "./types.js";

export const DEFAULT_POLICY: Policy = { minScore: null, minPrincipleScore: null, allowUnanswered: false };

/** Where a question's finding can be fixed: its answer, else its principle's key, else `answers:`. */
function questionPosition(a: Assessment, p: ScoredPrinciple, q: ScoredQuestion): Position {
  return q.answer?.position ?? a.answers.positions.principles.get(p.principle.id) ?? a.answers.positions.answers;
}

function unansweredFindings(a: Assessment, policy: Policy): Finding[] {
  const severity = policy.allowUnanswered ? "warning" : "error";
  const findings: Finding[] = [];
  for (const p of a.principles) {
    for (const q of p.questions) {
      if (q.status !== "unanswered") continue;
      const at = questionPosition(a, p, q);
      const where = `${p.principle.id}/${q.question.id}`;
      findings.push(q.naWithoutReason
        ? { code: "NA_WITHOUT_REASON", severity, principle: p.principle.id, question: q.question.id, ...at,
            message: `${where} is n/a without notes; say why it does not apply, or answer it` }
        : { code: "UNANSWERED", severity, principle: p.principle.id, question: q.question.id, ...at,
            message: `${where} is unanswered` });
    }
  }
  return findings;
}

function scoreFindings(a: Assessment, policy: Policy): Finding[] {
  const findings: Finding[] = [];
  if (policy.minScore !== null && a.score !== null && a.score < policy.minScore) {
    findings.push({
      code: "BELOW_MIN_SCORE", severity: "error", principle: null, question: null, ...a.answers.positions.answers,
      message: `overall score ${a.score} is below the minimum of ${policy.minScore}`,
    });
  }
  if (policy.minPrincipleScore !== null) {
    for (const p of a.principles) {
      if (p.score === null || p.score >= policy.minPrincipleScore) continue;
      const at = a.answers.positions.principles.get(p.principle.id) ?? a.answers.positions.answers;
      findings.push({
        code: "PRINCIPLE_BELOW_MIN_SCORE", severity: "error", principle: p.principle.id, question: null, ...at,
        message: `${p.principle.title} scores ${p.score}, below the minimum of ${policy.minPrincipleScore}`,
      });
    }
  }
  return findings;
}

/** Applies a policy to an assessment. Findings come sorted by position, so output is deterministic. */
export function findings(a: Assessment, policy: Policy): Finding[] {
  return [...unansweredFindings(a, policy), ...scoreFindings(a, policy)].sort(
    (x, y) => x.line - y.line || x.column - y.column || x.code.localeCompare(y.code),
  );
}

/** An assessment passes when no finding is an error. */
export function passes(list: Finding[]): boolean {
  return !list.some((f) => f.severity === "error");
}
