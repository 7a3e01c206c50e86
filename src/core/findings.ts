import type { Assessment, Finding, FindingCode, Policy, Position, ScoredPrinciple, ScoredQuestion, Severity } from "./types.js";

/** A finding with its fields in the documented order (JSON output keeps it). */
function finding(code: FindingCode, severity: Severity, message: string, principle: string | null, question: string | null, at: Position): Finding {
  return { code, severity, message, principle, question, line: at.line, column: at.column };
}

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
        ? finding("NA_WITHOUT_REASON", severity, `${where} is n/a without notes; say why it does not apply, or answer it`, p.principle.id, q.question.id, at)
        : finding("UNANSWERED", severity, `${where} is unanswered`, p.principle.id, q.question.id, at));
    }
  }
  return findings;
}

function scoreFindings(a: Assessment, policy: Policy): Finding[] {
  const findings: Finding[] = [];
  if (policy.minScore !== null && a.score !== null && a.score < policy.minScore) {
    findings.push(finding("BELOW_MIN_SCORE", "error", `overall score ${a.score} is below the minimum of ${policy.minScore}`, null, null, a.answers.positions.answers));
  }
  if (policy.minPrincipleScore !== null) {
    for (const p of a.principles) {
      if (p.score === null || p.score >= policy.minPrincipleScore) continue;
      const at = a.answers.positions.principles.get(p.principle.id) ?? a.answers.positions.answers;
      findings.push(finding("PRINCIPLE_BELOW_MIN_SCORE", "error", `${p.principle.title} scores ${p.score}, below the minimum of ${policy.minPrincipleScore}`, p.principle.id, null, at));
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
