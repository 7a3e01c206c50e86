import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import type { CheckResult, FindingCode, Pack } from "../core/types.js";
import { escapeMarkdown as e } from "../report/escape.js";
import { TOOL } from "../version.js";
import type { CheckContext } from "./index.js";

type PolicyRuleId = Exclude<FindingCode, "UNANSWERED" | "NA_WITHOUT_REASON" | "MISSING_EVIDENCE"> | "INVALID_INPUT";

/** Rules for findings about a whole file rather than one question: what they mean and how to fix them. */
const POLICY_RULES: Record<PolicyRuleId, { short: string; help: string }> = {
  BELOW_MIN_SCORE: { short: "The overall score is below the policy's min-score.", help: "Answer the open questions and close the gaps the report lists (heaviest first), or agree a different min-score." },
  PRINCIPLE_BELOW_MIN_SCORE: { short: "A principle scores below its minimum (min-principle-score or min-score-for).", help: "Work on that principle's no, partial and unanswered questions, or agree a different minimum for it." },
  STALE: { short: "The assessment is older than the policy's max-age-days.", help: "Review every answer with the team, then set date: to the day of the review." },
  MISSING_DATE: { short: "The assessment has no date, but the policy sets max-age-days.", help: "Add date: YYYY-MM-DD, the day the answers were last reviewed." },
  INVALID_INPUT: { short: "The answers file is not valid, so it could not be checked.", help: "Fix the problem named at this line; `rml-assess check FILE` lists every problem in the file." },
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
    help: { text: r.help, markdown: r.help },
    defaultConfiguration: { level: "error" },
    properties: { tags: ["policy"] },
  }));
}

function location(file: string, line: number, column: number) {
  return [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) }, region: { startLine: line, startColumn: column } } }];
}

/**
 * SARIF 2.1.0 for code scanning: one run, a rule per question (its text, guidance and
 * recommendation) and per file-wide policy check, and one result per finding and per problem of an
 * invalid file, located at its line and column in the answers file.
 */
export function sarif(results: CheckResult[], context: CheckContext): string {
  const rules = [...questionRules(context.pack), ...policyRules()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = [
    ...results.flatMap((r) => r.findings.map((f) => {
      const ruleId = f.principle && f.question ? `${f.principle}/${f.question}` : f.code;
      return { ruleId, ruleIndex: index.get(ruleId), level: f.severity, message: { text: f.message }, locations: location(r.assessment.answers.file, f.line, f.column), properties: { code: f.code } };
    })),
    ...context.invalid.map((d) => ({
      ruleId: "INVALID_INPUT", ruleIndex: index.get("INVALID_INPUT"), level: "error",
      message: { text: d.hint ? `${d.message} (${d.hint})` : d.message }, locations: location(d.file, d.line, d.column), properties: { code: "INVALID_INPUT" },
    })),
  ];
  const doc = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: { driver: { name: TOOL.name, version: TOOL.version, semanticVersion: TOOL.version, rules } },
      invocations: [{ executionSuccessful: context.invalid.length === 0 }],
      columnKind: "utf16CodeUnits",
      results: sarifResults,
    }],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
