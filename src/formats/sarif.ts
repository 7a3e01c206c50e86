import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { Pack } from "../core/types.js";
import type { CheckResult, FindingCode } from "../core/verdict.js";
import { escapeMarkdown as e } from "../text/escape.js";
import { TOOL, TOOL_HOMEPAGE } from "../version.js";
import { renderDocument, type CheckContext, type CheckFormat } from "./document.js";
import { jsonAt } from "../text/json.js";

type PolicyRuleId = Exclude<FindingCode, "UNANSWERED" | "NA_WITHOUT_REASON" | "PARTIAL_WITHOUT_NOTE" | "MISSING_EVIDENCE" | "DOES_NOT_APPLY"> | "INVALID_INPUT";

/** Rules for findings about a whole file rather than one question: what they mean and how to fix them. */
const POLICY_RULES: Record<PolicyRuleId, { short: string; full: string; help: string; level?: "warning" | "note" }> = {
  BELOW_MIN_SCORE: {
    short: "The overall score is below the policy's min-score.",
    full: "The policy (min-score in the config file, or --min-score) sets the lowest overall score an assessment may have; the overall score is the weighted mean of the principles' scores, and this one is lower.",
    help: "Answer the open questions and close the gaps the report lists (heaviest first), or agree a different min-score.",
  },
  PRINCIPLE_BELOW_MIN_SCORE: {
    short: "A principle scores below its minimum (min-principle-score or min-score-for).",
    full: "The policy sets the lowest score each principle may have (min-principle-score), or one principle's own minimum (min-score-for); this principle's score, over its answered questions, is lower.",
    help: "Work on that principle's no, partial and unanswered questions, or agree a different minimum for it.",
  },
  STALE: {
    short: "The assessment is older than the policy's max-age-days.",
    full: "The policy (max-age-days) says how many days old an assessment's date may be before its answers must be reviewed again; this assessment's date is older than that.",
    help: "Review every answer with the team, then set date: to the day of the review.",
  },
  MISSING_DATE: {
    short: "The assessment has no date, but the policy sets max-age-days.",
    full: "The policy (max-age-days) limits how old an assessment may be, so the answers file must say when its answers were last reviewed; this one has no date.",
    help: "Add date: YYYY-MM-DD, the day the answers were last reviewed.",
  },
  SCORE_REGRESSION: {
    short: "A score is lower than the baseline's.",
    full: "The overall score, or a principle's score, is lower than in the baseline assessment the policy compares with (check --baseline, or baseline: in the config), as check rounds scores.",
    help: "Restore the answers that got worse (`rml-assess diff BASELINE FILE` lists them), or update the baseline when the lower score is agreed.",
  },
  ANSWER_REGRESSION: {
    short: "An answer got worse than in the baseline.",
    full: "An answer moved down since the baseline assessment: yes to partial or no, partial to no, or answered to unanswered. A warning, or an error with --no-regressions.",
    help: "Check whether the change is right: fix the answer, or keep it and record why in its notes.",
    level: "warning",
  },
  RETIRED_QUESTION: {
    short: "The file answers a question the pack has retired; the answer is not scored.",
    full: "A newer version of the pack retired this question: it was merged into another, split into several or dropped. The answer is kept in the file but left out of the score until it is moved to the questions that replace it.",
    help: "Run `rml-assess init --upgrade FILE` to move answers to the questions that replace them, then remove what is left.",
    level: "warning",
  },
  INVALID_INPUT: {
    short: "The answers file is not valid, so it could not be checked.",
    full: "The answers file could not be read, parsed or validated against the answers schema (a YAML syntax error, an unknown principle or question, an answer that is not yes, partial, no or n/a, a missing project name), so no score or policy was checked.",
    help: "Fix the problem named at this line; `rml-assess check FILE` lists every problem in the file.",
  },
  LEVEL_NOT_MET: {
    short: "The answers file claims a readiness level its gates do not support.",
    full: "In a level pack (e.g. mltrl) a level is reached when every gate below it is passed: each applying question yes, or n/a with notes where the pack allows n/a. Claiming the top level also needs its ongoing checks passed (the level sustained), and a switchback as the last history entry caps the level. The file's claimed-level is higher than that; the finding stands at each open question of the gates up to the claimed level, and at answers: for a capping switchback.",
    help: "Close the open questions of those gates (yes with evidence), record an advance after a switchback once the gates are reviewed again, or lower claimed-level to the level reached.",
  },
  NA_NOT_ALLOWED: {
    short: "A gate's check is answered n/a where the level pack does not allow n/a.",
    full: "In a level pack, n/a passes a gate's check only where the pack allows it (na-allowed-for on the level or the question, naming traits such as off-the-shelf-model for the research gates of a project that entered from an existing model). Here the system has none of those traits, so the n/a leaves the check open and the gate is not passed.",
    help: "Answer the question yes, partial or no; if the system has the trait the pack names, add it to project.traits.",
  },
  BELOW_MIN_LEVEL: {
    short: "The readiness level reached is below the policy's min-level.",
    full: "The policy (min-level in the config file, or --min-level) sets the lowest readiness level an assessment of a level pack may reach; this one's gates carry it to a lower level.",
    help: "Close the open questions of the next gate (`rml-assess check FILE` lists them), or agree a different min-level.",
  },
  FRAMEWORK_COVERAGE: {
    short: "Too few of a framework's items are met (min-coverage).",
    full: "The policy (--framework ID --min-coverage N, or framework: and min-coverage: in the config) sets the share of a framework's items that apply to the system (NIST AI RMF subcategories, EU AI Act paragraphs, ISO/IEC 42001 controls; unmapped ones count against it, not-applicable ones are left out) that must be met. An item is met when every question mapped to it that applies is answered yes with evidence (found, under verify-evidence), or n/a with a reason, and the mapping covers the whole item. Fewer are met here.",
    help: "Run `rml-assess crosswalk FILE --framework ID` to see the items that are partial, gaps or unmapped and the questions behind them, then work on those answers, or agree a different min-coverage.",
  },
  EVIDENCE_NOT_FOUND: {
    short: "An evidence path does not exist in the repository.",
    full: "Under verify-evidence (check --verify-evidence, or the policy key), every evidence entry that is not a URL is a path relative to the answers file's directory and must exist inside the repository; this one does not, so the answer's claim cannot be checked.",
    help: "Fix the path (relative to the answers file's directory), or commit the evidence; `rml-assess evidence FILE` lists every entry with its status.",
  },
  EVIDENCE_INVALID: {
    short: "An evidence entry is neither a path inside the repository nor a well-formed http(s) URL.",
    full: "Under verify-evidence, evidence is a relative path inside the repository or an http(s) URL. Absolute paths, paths that climb out of the repository (by .. or through a symlink), other URL schemes and malformed URLs are refused. Nothing is fetched.",
    help: "Write the path relative to the answers file's directory, or give a full https:// URL.",
  },
  EVIDENCE_CHANGED: {
    short: "Pinned evidence changed since it was pinned: the answer may no longer be true.",
    full: "`rml-assess evidence FILE --pin` recorded the sha256 of this evidence file; its content is different now (or it is gone). A warning, or an error under verify-evidence.",
    help: "Review the evidence and the answer, then run `rml-assess evidence FILE --pin` to pin the file again.",
    level: "warning",
  },
  MISSING_SIGNOFF: {
    short: "A final assessment has no sign-off.",
    full: "Under require-signoff (check --require-signoff, or the policy key), an answers file with status: final must name who approved it under sign-off: (name, role, date).",
    help: "Add sign-off: with the name, role and date of each approver, or set status: draft while the assessment is being worked on.",
  },
  SIGNOFF_STALE: {
    short: "A sign-off is older than the last change of an answer.",
    full: "Under require-signoff, a sign-off must be dated on or after the last change of an answer: from git history (git blame of the answers block) when the file is in a work tree, otherwise from the file's date.",
    help: "Have the changed answers reviewed and signed again, then update the sign-off's date.",
  },
  ACTION_OVERDUE: {
    short: "An answer's action is past its due date.",
    full: "The answer carries action: { owner, due, ticket } and its due date is before today, while the answer is not yet a yes. A warning: it never fails a check.",
    help: "Close the gap and update the answer, or agree a new due date with the owner and update it.",
    level: "warning",
  },
  PACK_MISMATCH: {
    short: "The answers file names a pack the policy does not allow.",
    full: "The policy chooses the pack a repository's answers files are judged by (--pack, or packs: in the config; without either, only the built-in responsible-ml pack). This file's pack: names another one, so it is not judged by that pack's rules: it fails.",
    help: "Set pack: to an allowed pack, or add the pack to packs: in the config (or run with --pack) if the repository's policy really allows it.",
  },
  METADATA_REGRESSION: {
    short: "Since the baseline, the assessment's metadata moved in a direction that weakens the check.",
    full: "Compared with the baseline (--baseline), project.risk was lowered, status went from final back to draft, a sign-off was removed, traits were removed (which stops some questions being asked) or the pack changed. A warning, or an error with --no-regressions.",
    help: "Undo the change, or have it reviewed and accepted and then move the baseline forward.",
    level: "warning",
  },
  SIGNOFF_UNVERIFIED: {
    short: "Under require-signoff, git could not say when the answers last changed.",
    full: "The answers file is in a git work tree, but git could not answer (for example a repository git refuses as of dubious ownership, or a file git does not track): the sign-off cannot be compared with the last change of the answers, so it is not trusted.",
    help: "Make git able to read the repository (e.g. git config --global --add safe.directory PATH in CI) and commit the answers file, then run again.",
  },
  BASELINE_MISSING: {
    short: "There is no earlier version to compare with: the file is judged on its own policy.",
    full: "The policy names a baseline (check --baseline, or baseline: in the config), but the file has no earlier version there: a new answers file, a new repository, or a shallow clone without the revision. A note: it never fails a check; the other policy keys still apply.",
    help: "Nothing to do for a new answers file. Otherwise fetch the revision first (actions/checkout with fetch-depth: 0, or git fetch origin main).",
    level: "note",
  },
  PROBE_CONTRADICTS: {
    short: "A yes answer that the repository contradicts: a file the answer implies is not there.",
    full: "Under check --probe, the pack's repository probes (docs/probes.md) looked at the files git lists in the repository. For this question a probe marked contradicts: yes found no matching file (for example no lock file for reproducible training, or no monitoring configuration for monitoring), yet the answer is yes. A warning, or an error under require-probe-agreement.",
    help: "Add the file the probe names (and list it as evidence), or change the answer to what is in place; rml-assess probe FILE lists what each probe found.",
    level: "warning",
  },
};

/** A file as a SARIF artifact URI: relative paths with forward slashes and each segment percent-encoded; absolute ones as file: URLs. */
export function artifactUri(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(/[\\/]/).map(encodeURIComponent).join("/");
}

function questionRules(pack: Pack) {
  const helpUri = /^https?:\/\/\S+$/.test(pack.source) ? { helpUri: pack.source } : {};
  return pack.principles.flatMap((p) => p.questions.map((q) => ({
    id: `${p.id}/${q.id}`,
    name: q.id,
    shortDescription: { text: q.text },
    fullDescription: { text: q.guidance },
    help: {
      text: `${q.guidance}\n\nRecommendation: ${q.recommendation}\n\nEvidence that shows it: ${q.evidence}`,
      markdown: `${e(q.guidance)}\n\n**Recommendation:** ${e(q.recommendation)}\n\n**Evidence that shows it:** ${e(q.evidence)}`,
    },
    ...helpUri,
    defaultConfiguration: { level: "error" },
    properties: { tags: [pack.id, p.id] },
  })));
}

function policyRules() {
  return Object.entries(POLICY_RULES).map(([id, r]) => ({
    id,
    shortDescription: { text: r.short },
    fullDescription: { text: r.full },
    help: { text: r.help, markdown: r.help },
    defaultConfiguration: { level: r.level ?? "error" },
    properties: { tags: ["policy"] },
  }));
}

function location(file: string, line: number, column: number) {
  return [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: line, startColumn: column } } }];
}

function result(ruleId: string, level: string, text: string, file: string, at: { line: number; column: number }, code: string, rules: Map<string, number>) {
  return { ruleId, ruleIndex: rules.get(ruleId), level, message: { text }, locations: location(file, at.line, at.column), properties: { code } };
}

/** Each result as it sits inside the document's results array. */
function indented(results: object[]): string {
  return results.map((r) => `\n        ${jsonAt(r, 4)}`).join(",");
}

const rulesOf = (pack: Pack) => [...questionRules(pack), ...policyRules()];
const indexCache = new WeakMap<Pack, Map<string, number>>();
function ruleIndex(pack: Pack): Map<string, number> {
  let index = indexCache.get(pack);
  if (!index) {
    index = new Map(rulesOf(pack).map((r, i) => [r.id, i]));
    indexCache.set(pack, index);
  }
  return index;
}

/**
 * SARIF 2.1.0 for code scanning: one run, a rule per question (its text, guidance and
 * recommendation) and per file-wide policy check, and one result per finding and per problem of an
 * invalid file, located at its line and column in the answers file.
 */
export const sarifFormat: CheckFormat = {
  file(r, context) {
    const rules = ruleIndex(context.pack);
    return indented(r.findings.map((f) => {
      // Findings with a rule of their own (ANSWER_REGRESSION, RETIRED_QUESTION) keep it; other question findings use the question's rule.
      const question = f.principle && f.question ? `${f.principle}/${f.question}` : null;
      const ruleId = f.code in POLICY_RULES || !question || !rules.has(question) ? f.code : question;
      return result(ruleId, f.severity, f.message, r.assessment.answers.file, f, f.code, rules);
    }));
  },
  invalid(file, problems, context) {
    const rules = ruleIndex(context.pack);
    return indented(problems.map((d) => result("INVALID_INPUT", "error", d.hint ? `${d.message} (${d.hint})` : d.message, file, d, "INVALID_INPUT", rules)));
  },
  // The results stream between head and tail; whether every file could be read is known only at
  // the end, so `invocations` follows the results.
  head(context) {
    const driver = { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, informationUri: TOOL_HOMEPAGE, rules: rulesOf(context.pack) };
    const run = JSON.stringify({ tool: { driver }, columnKind: "utf16CodeUnits" }, null, 2).replace(/\n/g, "\n    ").replace(/\n    \}$/, "");
    return `{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    ${run},\n      "results": [`;
  },
  separator: ",",
  tail(_run, written, context) {
    const invocations = JSON.stringify([{ executionSuccessful: context.invalid.length === 0 }], null, 2).replace(/\n/g, "\n      ");
    return `${written ? "\n      " : ""}],\n      "invocations": ${invocations}\n    }\n  ]\n}\n`;
  },
};

/** The whole SARIF document for some results. */
export function sarif(results: CheckResult[], context: CheckContext): string {
  return renderDocument(sarifFormat, results, context);
}
