import type { Policy } from "../core/verdict.js";

/**
 * The policy keys a run applied, as `[key, value]` pairs named as in the config file and the
 * flags, so outputs can record what a result was judged against. Keys left at their default are omitted.
 */
export function policyEntries(policy: Policy): [string, string][] {
  const entries: [string, string][] = [];
  if (policy.minScore !== null) entries.push(["min-score", String(policy.minScore)]);
  if (policy.minPrincipleScore !== null) entries.push(["min-principle-score", String(policy.minPrincipleScore)]);
  for (const [id, min] of [...policy.principleMinScores].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    entries.push([`min-score-for.${id}`, String(min)]);
  }
  if (policy.allowUnanswered) entries.push(["allow-unanswered", "true"]);
  if (policy.requireEvidence) entries.push(["require-evidence", "true"]);
  if (policy.requirePartialNotes) entries.push(["require-partial-notes", "true"]);
  if (policy.maxAgeDays !== null) entries.push(["max-age-days", String(policy.maxAgeDays)]);
  if (policy.baseline !== null) entries.push(["baseline", policy.baseline]);
  if (policy.noRegressions) entries.push(["no-regressions", "true"]);
  if (policy.minLevel !== null) entries.push(["min-level", String(policy.minLevel)]);

  if (policy.minCoverage !== null) entries.push(["framework", policy.frameworks.join(",")], ["min-coverage", String(policy.minCoverage)]);
  if (policy.verifyEvidence) entries.push(["verify-evidence", "true"]);
  if (policy.requireSignoff) entries.push(["require-signoff", "true"]);
  if (policy.probe) entries.push(["probe", "true"]);
  if (policy.requireProbeAgreement) entries.push(["require-probe-agreement", "true"]);
  return entries;
}

