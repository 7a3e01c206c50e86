import type { ChalkInstance } from "chalk";
import type { ScoredPrinciple } from "../core/types.js";
import type { CheckResult, Policy } from "../core/verdict.js";
import { PLAIN } from "../io/color.js";
import { terminalSafe } from "../io/terminal.js";
import { textBar } from "../text/bar.js";
import type { CheckContext, CheckFormat } from "./document.js";
import { levelLines, systemLines } from "../text/levels.js";
import { policyEntries } from "./policy.js";
import { findingLines, nextStep } from "./text-findings.js";
import { skippedLine } from "./skipped-line.js";

function principleLine(p: ScoredPrinciple, c: ChalkInstance): string {
  const total = p.questions.length;
  const answered = total - p.counts.unanswered;
  const score = p.score === null ? "  –" : String(p.score).padStart(3);
  const tint = p.score === null ? c.dim : p.score >= 75 ? c.green : p.score >= 50 ? c.yellow : c.red;
  const title = `${p.principle.number} ${terminalSafe(p.principle.title)}`.padEnd(36);
  return `  ${title} ${tint(textBar(p.score))} ${tint(score)}  ${terminalSafe(p.band ?? "all n/a").padEnd(12)} ${answered}/${total} answered`;
}

/** One file's block: its score, a line per principle, its findings, its verdict and what to do next. */
function file({ assessment: a, findings, passed, applied }: CheckResult, c: ChalkInstance, context: Partial<CheckContext>): string {
  const lines = [c.bold(`${terminalSafe(a.answers.file)}: ${terminalSafe(a.answers.project.name)}`) + c.dim(` (${a.pack.id} ${a.pack.version})`)];
  if (a.levels) lines.push(...levelLines(a, a.levels, c));
  else {
    const weakest = a.weakest ? `   weakest: ${terminalSafe(a.weakest.principle.title)} (${a.weakest.score})` : "";
    lines.push(`  ${c.bold("Overall")} ${a.score ?? "–"}/100 ${terminalSafe(a.band ?? "")}${weakest}`);
    for (const p of a.principles) lines.push(principleLine(p, c));
  }
  lines.push(...findingLines(a.answers.file, findings, c, Boolean(context.verbose)));
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.filter((f) => f.severity === "warning").length;
  const notes = findings.length - errors - warnings;
  const tally = `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}${notes ? `, ${notes} note${notes === 1 ? "" : "s"}` : ""}`;
  lines.push(passed ? c.green(`✔ passed (${tally})`) : c.red(`✖ failed (${tally})`));
  // A final assessment that passes only because open questions are allowed says so.
  const open = findings.filter((f) => (f.code === "UNANSWERED" || f.code === "NA_WITHOUT_REASON") && f.severity === "warning").length;
  if (a.answers.status === "final" && open) {
    lines.push(c.yellow(`⚠ status: final, yet ${open} question${open === 1 ? " is" : "s are"} open (allowed by allow-unanswered): answer ${open === 1 ? "it" : "them"}, or set status: draft while the assessment is in progress`));
  }
  const otherPack = applied && context.pack && applied.policy.pack !== null && applied.policy.pack !== (context.policyPack ?? context.pack.id);
  if (applied && (applied.policy.riskTier || otherPack)) {
    const scope = [otherPack ? a.pack.id : "", applied.policy.riskTier ? `risk ${applied.policy.riskTier}` : ""].filter(Boolean).join(", ");
    lines.push(c.dim(policyLine(applied.policy, applied.origins).replace(/^Policy:/, `Policy for ${terminalSafe(scope)}:`)));
  }
  if (context.nextSteps) lines.push(...nextStep(a.answers.file, findings, c, context.command));
  return `${lines.join("\n")}\n`;
}

/** The short, colourful summary `check` prints for people; user text is made terminal-safe. */
export const textFormat: CheckFormat = {
  head: () => "",
  file: (r, context) => file(r, context.color ?? PLAIN, context),
  invalid: () => "",
  separator: "\n",
  tail(run, _written, context) {
    const c = context.color ?? PLAIN;
    const { files, failed } = run;
    const verdict = files < 2 ? "" : `\n${failed ? c.red(`✖ ${failed} of ${files} files failed`) : c.green(`✔ all ${files} files passed`)}\n`;
    const systems = run.systems();
    const discovered = context.discovery ? c.dim(skippedLine(context.discovery.checked, context.discovery.skipped)) + "\n" : "";
    return verdict + (systems.length ? `\n${systemLines(systems, c).join("\n")}\n` : "") + (context.policyOrigins ? c.dim(policyLine(context.policy, context.policyOrigins)) + "\n" : "") + discovered;
  },
};

/**
 * Where a policy key came from, for people: "flag", the config file and the key in it
 * (".rml-assess.yaml policy.min-score", "… policy.risk.high.min-score"), or "default".
 */
function originText(origins: Map<string, string>, key: string): string {
  const origin = origins.get(key);
  if (origin === undefined) return "default";
  if (origin === "flags") return "flag";
  if (origin.startsWith("--")) return origin;
  return terminalSafe(/ policy\.[^ ]+$/.test(origin) ? `${origin}.${key}` : `${origin} policy.${key}`);
}

/** "Policy: min-score 60 (.rml-assess.yaml policy.min-score), require-evidence (flag), min-level 4 (…) not applicable to responsible-ml, every question answered (default)." */
export function policyLine(policy: Policy, origins: Map<string, string>): string {
  const shown = ([key, value]: [string, string]) => `${value === "true" ? key : `${key} ${terminalSafe(value)}`} (${originText(origins, key)})`;
  const set = policyEntries(policy).filter(([key]) => key !== "allow-unanswered").map(shown);
  const inapplicable = policy.notApplicable.map((entry) => `${shown(entry)} not applicable to ${terminalSafe(policy.pack ?? "")}`);
  const unanswered = `${policy.allowUnanswered ? "unanswered questions allowed" : "every question answered"} (${originText(origins, "allow-unanswered")})`;
  return `Policy: ${[...set, ...inapplicable, unanswered].join(", ")}.`;
}
