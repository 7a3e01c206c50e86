import { claimSupported, sectionRequired } from "./levels.js";
import { auditFindings, type AuditFacts } from "./audit.js";
import { regressionFindings } from "./regressions.js";
import type { Assessment, Position, ScoredPrinciple, ScoredQuestion } from "./types.js";
import type { Finding, FindingCode, Policy, Severity } from "./verdict.js";

/** A finding with its fields in the documented order (JSON output keeps it). */
function finding(code: FindingCode, severity: Severity, message: string, principle: string | null, question: string | null, at: Position): Finding {
  return { code, severity, message, principle, question, line: at.line, column: at.column };
}

/**
 * PACK_MISMATCH (an error, at `pack:`): the file names a pack the policy does not allow (--pack,
 * or the config's `packs:`). The pack is the policy's choice; the file is judged by nothing else.
 */
export function packMismatch(declared: string, allowed: string[], at: Position): Finding {
  const list = allowed.map((id) => `'${id}'`).join(", ");
  return finding("PACK_MISMATCH", "error", `the file names pack '${declared}', but this repository's policy allows ${allowed.length === 1 ? "only pack" : "the packs"} ${list}; set pack: ${allowed[0]}, or add '${declared}' to packs: in the config (or run with --pack ${declared})`, null, null, at);
}

export const DEFAULT_POLICY: Policy = {
  minScore: null, minPrincipleScore: null, principleMinScores: new Map(), allowUnanswered: false, requireEvidence: false, requirePartialNotes: false, maxAgeDays: null,
  baseline: null, noRegressions: false, minLevel: null, frameworks: [], minCoverage: null, verifyEvidence: false, requireSignoff: false, probe: false, requireProbeAgreement: false, riskTier: null,
  pack: null, notApplicable: [],
};

/** Where a question's finding can be fixed: its answer, else its principle's key, else `answers:`. */
function questionPosition(a: Assessment, p: ScoredPrinciple, q: ScoredQuestion): Position {
  return q.answer?.position ?? a.answers.positions.principles.get(p.principle.id) ?? a.answers.positions.answers;
}

function questionFindings(a: Assessment, policy: Policy): Finding[] {
  const severity = policy.allowUnanswered ? "warning" : "error";
  const findings: Finding[] = [];
  for (const [index, p] of a.principles.entries()) {
    // A level pack asks only up to the next gate: later gates are not unanswered.
    if (!sectionRequired(a.levels, index)) continue;
    for (const q of p.questions) {
      const at = questionPosition(a, p, q);
      const where = `${p.principle.id}/${q.question.id}`;
      if (q.status === "unanswered") {
        findings.push(q.naWithoutReason
          ? finding("NA_WITHOUT_REASON", severity, `${where} is n/a without notes; say why it does not apply, or answer it`, p.principle.id, q.question.id, at)
          : finding("UNANSWERED", severity, `${where} is unanswered`, p.principle.id, q.question.id, at));
      } else if (q.naNotAllowed) {
        const allowed = [...(p.principle.naAllowedFor ?? []), ...(q.question.naAllowedFor ?? [])];
        const why = allowed.length ? `only for systems with the trait ${[...new Set(allowed)].join(" or ")}, which project.traits does not list` : "for no system";
        findings.push(finding("NA_NOT_ALLOWED", "error", `${where} is n/a, but the pack allows n/a at gate ${p.principle.number} ${why}, so the check stays open; answer yes, partial or no${allowed.length ? ", or add the trait if the system has it" : ""}`, p.principle.id, q.question.id, at));
      } else {
        if (q.status === "partial" && !q.answer?.notes.trim()) {
          findings.push(finding("PARTIAL_WITHOUT_NOTE", policy.requirePartialNotes ? "error" : "warning", `${where} is partial without notes; say what is in place and what is missing`, p.principle.id, q.question.id, at));
        }
        if (policy.requireEvidence && (q.status === "yes" || q.status === "partial") && !q.answer?.evidence.length) {
          findings.push(finding("MISSING_EVIDENCE", "error", `${where} is ${q.status} but lists no evidence; add the paths or URLs that show it under 'evidence'`, p.principle.id, q.question.id, at));
        }
      }
    }
  }
  return findings;
}

/**
 * Warnings about entries the score leaves out: answers to questions the pack has retired (with
 * where they went), and yes/partial/no given to a question whose traits the system does not have.
 */
function leftOutFindings(a: Assessment): Finding[] {
  const findings: Finding[] = [];
  for (const r of a.answers.retired) {
    const [principle, question] = r.retired.id.split("/") as [string, string];
    const moved = r.retired.replacedBy;
    // init --upgrade moves an answer to a single replacement that has none yet; otherwise it is merged by hand.
    const target = moved.length === 1 ? (moved[0]!.split("/") as [string, string]) : undefined;
    const taken = target ? Boolean(a.answers.answers.get(target[0])?.get(target[1])?.answer) : false;
    const how = !target ? "; answer each of them, then remove this entry" : taken
      ? "; that question has an answer already: merge this one into it by hand, then remove this entry"
      : `; 'rml-assess init --upgrade ${a.answers.file}' moves the answer there`;
    const where = moved.length
      ? `${moved.length === 1 ? "it is asked now as" : "what it asked is now"} ${moved.join(", ")}${how}`
      : "no question replaces it; remove the entry";
    const note = r.retired.note ? ` (${r.retired.note})` : "";
    findings.push(finding("RETIRED_QUESTION", "warning", `${r.retired.id} is retired in ${a.pack.id} ${a.pack.version} and not scored: ${where}${note}`, principle, question, r.position));
  }
  for (const p of a.principles) {
    for (const { question, answer } of p.notApplying) {
      const given = answer?.answer;
      if (!given || given === "n/a") continue;
      const where = `${p.principle.id}/${question.id}`;
      findings.push(finding("DOES_NOT_APPLY", "warning", `${where} applies only to systems with the trait ${question.appliesTo.join(" or ")}, which project.traits does not list, so its answer (${given}) is not scored; add the trait to project.traits, or remove the answer`, p.principle.id, question.id, answer.position));
    }
  }
  return findings;
}

/** The minimum a principle must reach under a policy: its own, else the general one, else none. */
export function principleMinimum(policy: Policy, principle: string): number | null {
  return policy.principleMinScores.get(principle) ?? policy.minPrincipleScore;
}

function scoreFindings(a: Assessment, policy: Policy): Finding[] {
  const findings: Finding[] = [];
  if (policy.minScore !== null && a.score !== null && a.score < policy.minScore) {
    findings.push(finding("BELOW_MIN_SCORE", "error", `overall score ${a.score} is below the minimum of ${policy.minScore}`, null, null, a.answers.positions.answers));
  }
  for (const p of a.principles) {
    const min = principleMinimum(policy, p.principle.id);
    if (min === null || p.score === null || p.score >= min) continue;
    const at = a.answers.positions.principles.get(p.principle.id) ?? a.answers.positions.answers;
    findings.push(finding("PRINCIPLE_BELOW_MIN_SCORE", "error", `${p.principle.title} scores ${p.score}, below the minimum of ${min}`, p.principle.id, null, at));
  }
  return findings;
}

/**
 * A level pack's findings: LEVEL_NOT_MET at each open question of the gates below a claimed level
 * the answers do not reach, and BELOW_MIN_LEVEL when the policy's min-level is not reached.
 */
function levelFindings(a: Assessment, policy: Policy): Finding[] {
  const levels = a.levels;
  if (!levels) return [];
  const findings: Finding[] = [];
  const claimed = a.answers.claimedLevel;
  if (claimed !== null && !claimSupported(levels, claimed)) {
    // The top level's ongoing checks are the gate to the top level sustained, so claiming it needs them too.
    const lower = claimSupported(levels, levels.level) ? levels.level : levels.level - 1;
    const needed = claimed === levels.top && levels.level === levels.top ? levels.gates : levels.gates.slice(0, claimed);
    for (const gate of needed) {
      for (const q of gate.open) {
        const p = gate.section;
        const status = q.status === "unanswered" ? (q.naWithoutReason ? "n/a without notes" : "unanswered") : q.naNotAllowed ? "n/a where the pack does not allow it" : q.status;
        const what = p.principle.number === levels.top ? `level ${levels.top}'s ongoing checks passed` : `gate ${p.principle.number} passed`;
        findings.push(finding("LEVEL_NOT_MET", "error", `claimed level ${claimed} needs ${what}, but ${p.principle.id}/${q.question.id} is ${status}; answer yes (with evidence), or lower claimed-level to ${lower}`, p.principle.id, q.question.id, questionPosition(a, p, q)));
      }
    }
    const cap = levels.cappedBy;
    if (cap && claimed > cap.level) {
      const kind = cap.switchback ? `${cap.switchback} ` : "";
      findings.push(finding("LEVEL_NOT_MET", "error", `claimed level ${claimed}, but the last history entry is a ${kind}switchback to level ${cap.level} (${cap.date}); record an advance in history once the gates are reviewed again, or lower claimed-level to ${cap.level}`, null, null, a.answers.positions.answers));
    }
  }
  if (policy.minLevel !== null && levels.level < policy.minLevel) {
    findings.push(finding("BELOW_MIN_LEVEL", "error", `readiness level ${levels.level} is below the minimum of ${policy.minLevel}; close the open questions of gate ${levels.level}`, null, null, a.answers.positions.answers));
  }
  return findings;
}

/** Whole days from one YYYY-MM-DD date to another (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function ageFindings(a: Assessment, policy: Policy, today: string): Finding[] {
  if (policy.maxAgeDays === null) return [];
  const { date, positions } = a.answers;
  if (date === null) {
    return [finding("MISSING_DATE", "error", `the assessment has no date, and the policy allows answers at most ${policy.maxAgeDays} days old; add date: YYYY-MM-DD`, null, null, positions.date)];
  }
  const age = daysBetween(date, today);
  if (age <= policy.maxAgeDays) return [];
  return [finding("STALE", "error", `the assessment is dated ${date}, ${age} days ago, older than the maximum of ${policy.maxAgeDays} days; review the answers and update 'date'`, null, null, positions.date)];
}

/**
 * Applies a policy to an assessment, with `today` (YYYY-MM-DD) passed in so the core needs no
 * clock, the baseline's assessment when the policy names one, and the facts about evidence files
 * and the file's history that the IO layer gathered. Findings come sorted by
 * position (codes by code point: localeCompare would depend on the locale and load ICU's collator,
 * about 15 ms of a run), so output is deterministic.
 */
export function findings(a: Assessment, policy: Policy, today: string, baseline: Assessment | null = null, facts: AuditFacts | null = null): Finding[] {
  const regressions = baseline ? regressionFindings(baseline, a, policy) : [];
  return [...questionFindings(a, policy), ...leftOutFindings(a), ...scoreFindings(a, policy), ...ageFindings(a, policy, today), ...levelFindings(a, policy), ...regressions, ...auditFindings(a, policy, today, facts)].sort(
    (x, y) => x.line - y.line || x.column - y.column || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0),
  );
}

/** An assessment passes when no finding is an error. */
export function passes(list: Finding[]): boolean {
  return !list.some((f) => f.severity === "error");
}
