import { principleMinimum } from "../core/findings.js";
import type { CheckResult, Finding } from "../core/verdict.js";
import { formatDiagnostic, type Diagnostic } from "../errors.js";
import { renderDocument, type CheckContext, type CheckFormat } from "./document.js";
import { policyEntries } from "./policy.js";
import { xmlAttr, xmlText } from "../text/xml.js";

interface Case {
  classname: string;
  name: string;
  /** A failed check (an error finding), a skipped one (a warning) or an error (invalid input). */
  outcome?: { kind: "failure" | "skipped" | "error"; type: string; message: string; body: string };
}

interface Suite {
  name: string;
  file: string;
  properties: [string, string][];
  cases: Case[];
}

function located(file: string, at: { line: number; column: number }, message: string): string {
  return `${file}:${at.line}:${at.column}: ${message}`;
}

/** The outcome of a test case from the findings it covers: none passes; any error fails it. */
function outcome(file: string, found: Finding[], detail = ""): Case["outcome"] {
  if (!found.length) return undefined;
  const errors = found.filter((f) => f.severity === "error");
  const shown = errors.length ? errors : found;
  const body = [...shown.map((f) => located(file, f, f.message)), detail].filter(Boolean).join("\n\n");
  return { kind: errors.length ? "failure" : "skipped", type: shown.map((f) => f.code).join(" "), message: shown.map((f) => f.message).join("; "), body };
}

/** One suite per principle (a case per question, and one for its minimum score), then the file-wide policy. */
function suitesOf(r: CheckResult, context: CheckContext): Suite[] {
  const a = r.assessment;
  const file = a.answers.file;
  const placed = new Set<Finding>();
  const take = (match: (f: Finding) => boolean) => {
    const found = r.findings.filter((f) => !placed.has(f) && match(f));
    found.forEach((f) => placed.add(f));
    return found;
  };
  const suites: Suite[] = a.principles.map((p) => {
    const id = p.principle.id;
    const cases: Case[] = p.questions.map((q) => ({
      classname: id,
      name: `${q.question.id}: ${q.question.text}`,
      outcome: outcome(file, take((f) => f.principle === id && f.question === q.question.id), `${q.question.text}\nRecommendation: ${q.question.recommendation}`),
    }));
    const min = principleMinimum(context.policy, id);
    if (min !== null) cases.push({ classname: id, name: `minimum score ${min}`, outcome: outcome(file, take((f) => f.code === "PRINCIPLE_BELOW_MIN_SCORE" && f.principle === id)) });
    const properties: [string, string][] = [["file", file], ["project", a.answers.project.name], ["principle", p.principle.title], ["score", String(p.score ?? "none")], ["band", p.band ?? "all n/a"]];
    // Suite names are unique across files: CI test views list suites by name.
    return { name: `${file}: ${id}`, file, properties, cases };
  });
  const policyCases: Case[] = [];
  if (context.policy.minScore !== null) policyCases.push({ classname: "policy", name: `min-score ${context.policy.minScore}`, outcome: outcome(file, take((f) => f.code === "BELOW_MIN_SCORE")) });
  if (context.policy.maxAgeDays !== null) policyCases.push({ classname: "policy", name: `max-age-days ${context.policy.maxAgeDays}`, outcome: outcome(file, take((f) => f.code === "STALE" || f.code === "MISSING_DATE")) });
  if (context.policy.minLevel !== null && a.levels) policyCases.push({ classname: "policy", name: `min-level ${context.policy.minLevel}`, outcome: outcome(file, take((f) => f.code === "BELOW_MIN_LEVEL")) });

  if (context.policy.minCoverage !== null) policyCases.push({ classname: "policy", name: `min-coverage ${context.policy.minCoverage} (${context.policy.frameworks.join(", ")})`, outcome: outcome(file, take((f) => f.code === "FRAMEWORK_COVERAGE")) });
  // A finding no case above covers still fails the report, under its own code.
  for (const f of r.findings.filter((x) => !placed.has(x))) policyCases.push({ classname: "policy", name: f.code, outcome: outcome(file, [f]) });
  if (policyCases.length) {
    const properties: [string, string][] = [["file", file], ["project", a.answers.project.name], ["score", String(a.score ?? "none")], ...policyEntries(context.policy).map(([k, v]): [string, string] => [`policy.${k}`, v])];
    suites.push({ name: `${file}: policy`, file, properties, cases: policyCases });
  }
  return suites;
}

/** An invalid file is one suite with one case in error, listing every problem found in it. */
function invalidSuite(file: string, problems: Diagnostic[]): Suite {
  const body = problems.map((d) => formatDiagnostic({ ...d, file })).join("\n");
  const message = `${problems.length} problem${problems.length === 1 ? "" : "s"} in the input; fix ${problems.length === 1 ? "it" : "them"} and run again`;
  return { name: `${file}: input`, file, properties: [["file", file]], cases: [{ classname: "input", name: "valid answers file", outcome: { kind: "error", type: "INVALID_INPUT", message, body } }] };
}

function renderCase(c: Case): string {
  const head = `    <testcase classname="${xmlAttr(c.classname)}" name="${xmlAttr(c.name)}" time="0"`;
  if (!c.outcome) return `${head}/>`;
  const { kind, type, message, body } = c.outcome;
  const typeAttr = kind === "skipped" ? "" : ` type="${xmlAttr(type)}"`;
  return `${head}>\n      <${kind} message="${xmlAttr(message)}"${typeAttr}>${xmlText(body)}</${kind}>\n    </testcase>`;
}

function renderSuite(s: Suite, id: number, timestamp: string): string {
  const count = (kind: string) => s.cases.filter((c) => c.outcome?.kind === kind).length;
  const attrs = `name="${xmlAttr(s.name)}" package="${xmlAttr(s.file)}" id="${id}" timestamp="${timestamp}" hostname="localhost" tests="${s.cases.length}" failures="${count("failure")}" errors="${count("error")}" skipped="${count("skipped")}" time="0"`;
  const properties = s.properties.map(([name, value]) => `      <property name="${xmlAttr(name)}" value="${xmlAttr(value)}"/>`);
  return [`  <testsuite ${attrs}>`, "    <properties>", ...properties, "    </properties>", ...s.cases.map(renderCase), "    <system-out/>", "    <system-err/>", "  </testsuite>"].join("\n");
}

const timestampOf = (context: CheckContext) => context.generated.replace(/(\.\d+)?Z$/, "");
const nextId = (context: CheckContext) => (context.state ? context.state.suites++ : 0);

/**
 * JUnit XML as the Ant schema defines it: a `testsuites` document with, per answers file, one
 * suite per principle, one case per question, and the policy's minimums as cases of their own.
 * Unanswered and policy failures are `failure`s, warnings `skipped`, invalid files `error`s.
 */
export const junitFormat: CheckFormat = {
  file: (r, context) => suitesOf(r, context).map((s) => renderSuite(s, nextId(context), timestampOf(context))).join("\n"),
  invalid: (file, problems, context) => renderSuite(invalidSuite(file, problems), nextId(context), timestampOf(context)),
  head: () => `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n`,
  separator: "\n",
  ordered: true,
  tail: () => "\n</testsuites>\n",
};

/** The whole JUnit document for some results. */
export function junit(results: CheckResult[], context: CheckContext): string {
  return renderDocument(junitFormat, results, context);
}
