import { evidenceEntries, evidenceKind, evidenceStatus, type EvidenceFacts } from "./evidence.js";
import type { Assessment, Position } from "./types.js";
import type { Finding, FindingCode, Policy, Severity } from "./verdict.js";

/** When the answers last changed, as the IO layer could tell: from git, or from the file's date. */
export interface LastChange {
  date: string;
  /** How it is known, for the finding's message: "git history" or "the file's date". */
  source: string;
  /** Set when the file is in a git work tree but git could not date its answers: why (SIGNOFF_UNVERIFIED). */
  unverified?: string;
}

/** What the IO layer found out for the audit findings; the core itself reads no file and no clock. */
export interface AuditFacts {
  evidence: EvidenceFacts | null;
  lastChange: LastChange | null;
}

function finding(code: FindingCode, severity: Severity, message: string, principle: string | null, question: string | null, at: Position): Finding {
  return { code, severity, message, principle, question, line: at.line, column: at.column };
}

/**
 * EVIDENCE_NOT_FOUND and EVIDENCE_INVALID under verify-evidence; EVIDENCE_CHANGED for every pinned
 * entry that no longer matches (a warning, an error under verify-evidence). One finding per entry.
 */
function evidenceFindings(a: Assessment, policy: Policy, facts: EvidenceFacts | null): Finding[] {
  const out: Finding[] = [];
  const changedSeverity: Severity = policy.verifyEvidence ? "error" : "warning";
  for (const { principle, question, entry } of evidenceEntries(a.answers)) {
    // Without verify-evidence only pinned entries can raise a finding.
    if (!policy.verifyEvidence && !entry.sha256) continue;
    const where = `${principle}/${question}`;
    const status = evidenceStatus(entry, facts);
    const fact = facts?.files.get(entry.ref);
    if (status === "changed") {
      out.push(finding("EVIDENCE_CHANGED", changedSeverity, `${where}: '${entry.ref}' changed since it was pinned, so the answer may no longer be true; review it, then run 'rml-assess evidence ${a.answers.file} --pin' to pin it again`, principle, question, entry.position));
    } else if (status === "missing" && entry.sha256 && !policy.verifyEvidence) {
      out.push(finding("EVIDENCE_CHANGED", changedSeverity, `${where}: '${entry.ref}' was pinned but no longer exists; restore it or correct the path, then pin again`, principle, question, entry.position));
    }
    if (!policy.verifyEvidence) continue;
    if (status === "missing") {
      out.push(finding("EVIDENCE_NOT_FOUND", "error", `${where}: evidence '${entry.ref}' does not exist (paths are relative to the answers file's directory); fix the path, or commit the file`, principle, question, entry.position));
    } else if (status === "invalid") {
      const kind = evidenceKind(entry.ref);
      const reason = kind.kind === "invalid" ? kind.reason : fact?.state === "invalid" ? fact.reason : `it resolves outside the repository (${fact?.state === "outside" ? fact.root : "its root"}); evidence must be a file inside it, or an http(s) URL`;
      out.push(finding("EVIDENCE_INVALID", "error", `${where}: evidence '${entry.ref}' is not valid: ${reason}`, principle, question, entry.position));
    }
  }
  return out;
}

/** MISSING_SIGNOFF, SIGNOFF_STALE and SIGNOFF_UNVERIFIED under require-signoff. */
function signOffFindings(a: Assessment, policy: Policy, lastChange: LastChange | null): Finding[] {
  if (!policy.requireSignoff) return [];
  const { status, signOff, positions } = a.answers;
  if (status === "final" && !signOff.length) {
    return [finding("MISSING_SIGNOFF", "error", "the assessment is final but has no sign-off; add 'sign-off:' with the name, role and date of who approved it (or set status: draft while it is being worked on)", null, null, positions.status)];
  }
  if (!lastChange) return [];
  if (lastChange.unverified !== undefined) {
    const at = signOff[0]?.position ?? positions.status;
    return [finding("SIGNOFF_UNVERIFIED", "error", `cannot tell when the answers last changed: the file is in a git work tree but git could not date it (${lastChange.unverified}), so the sign-off is not trusted on the file's own date; let git read the repository (in CI, e.g. git config --global --add safe.directory "$PWD") and commit the file, then run again`, null, null, at)];
  }
  return signOff
    .filter((s) => s.date < lastChange.date)
    .map((s) => finding("SIGNOFF_STALE", "error", `the sign-off by ${s.name || "(no name)"} on ${s.date} is older than the last change of an answer (${lastChange.date}, from ${lastChange.source}); have the answers reviewed and signed again, then update the sign-off's date`, null, null, s.position));
}

/** ACTION_OVERDUE (a warning) for an action due before today on an answer that is not yet a yes. */
function actionFindings(a: Assessment, today: string): Finding[] {
  if (!today) return [];
  const out: Finding[] = [];
  for (const [principle, questions] of a.answers.answers) {
    for (const [question, answer] of questions) {
      const action = answer.action;
      if (!action?.due || action.due >= today || answer.answer === "yes") continue;
      const who = action.owner ? ` (owner ${action.owner}${action.ticket ? `, ${action.ticket}` : ""})` : action.ticket ? ` (${action.ticket})` : "";
      out.push(finding("ACTION_OVERDUE", "warning", `${principle}/${question}: the action${who} was due on ${action.due}; close the gap, or agree a new due date and update it`, principle, question, action.position));
    }
  }
  return out;
}

/** The findings of issue 15's audit rules: evidence, sign-off and actions. */
export function auditFindings(a: Assessment, policy: Policy, today: string, facts: AuditFacts | null): Finding[] {
  return [...evidenceFindings(a, policy, facts?.evidence ?? null), ...signOffFindings(a, policy, facts?.lastChange ?? null), ...actionFindings(a, today)];
}
