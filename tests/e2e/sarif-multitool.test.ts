import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, REPO, runInProcess } from "../helpers/run.js";
import { fileUrl, sarifMultitool, validateWithMultitool, type MultitoolResult } from "../helpers/multitool.js";

// GitHub code scanning ingests SARIF by its own rules, stricter than the schema (every rule needs a
// fullDescription, for one). Microsoft's SARIF Multitool carries those rules (`Gh`) beside the
// spec's (`Sarif`); every kind of check output must pass both with no error and no warning.

const CREDIT = "examples/credit-scoring.yaml";
const TRIAGE = "examples/clinical-triage.yaml";
const INVALID = "tests/fixtures/invalid-answers/rml-assessment.yaml";
const HOSTILE = "tests/fixtures/hostile-text/rml-assessment.yaml";
const MINI = ["--pack", join(FIXTURES, "two-principle-pack")];
const POLICY = ["--require-evidence", "--min-score", "90", "--min-principle-score", "60", "--max-age-days", "30"];
const NOW = new Date("2026-11-20T12:00:00Z");
const EPOCH = { SOURCE_DATE_EPOCH: "1790000000" };

/** Each run whose SARIF is validated: its check arguments, and whether it runs in a directory of its own ("<dir>"). */
const CASES: { name: string; args: string[]; cwd?: "<dir>" }[] = [
  { name: "a passing file, no results", args: ["tests/fixtures/every-finding/stale.yaml", ...MINI] },
  { name: "both examples, relative paths", args: [CREDIT, TRIAGE] },
  { name: "one file, absolute path", args: [join(REPO, "tests/fixtures/every-finding/rml-assessment.yaml"), ...MINI, ...POLICY] },
  { name: "an invalid file", args: [INVALID] },
  { name: "an invalid file among valid ones, absolute paths", args: [join(REPO, TRIAGE), join(REPO, INVALID)] },
  { name: "every policy finding, a directory of files", args: ["tests/fixtures/every-finding", ...MINI, ...POLICY] },
  { name: "warnings only, and user text that tries to break out", args: [HOSTILE, "--allow-unanswered"] },
  { name: "file names with spaces and non-ASCII, relative and absolute", args: ["team a/answers é.yaml", "<dir>/team a/answers é.yaml", ...MINI, ...POLICY], cwd: "<dir>" },
];

const multitool = sarifMultitool();
let dir = "";
const sarifOf = new Map<string, { file: string; doc: { runs: { results: { properties: { code: string } }[] }[] } }>();
let results: MultitoolResult[] = [];
const CONTROL = "control.sarif";

beforeAll(async () => {
  if ("missing" in multitool) return;
  dir = mkdtempSync(join(tmpdir(), "rml-assess-multitool-"));
  mkdirSync(join(dir, "team a"));
  copyFileSync(join(FIXTURES, "every-finding", "rml-assessment.yaml"), join(dir, "team a", "answers é.yaml"));
  for (const [i, c] of CASES.entries()) {
    const args = c.args.map((a) => a.replace("<dir>", dir));
    const r = await runInProcess(["check", ...args, "--format", "sarif"], { cwd: c.cwd ? dir : REPO, now: NOW, env: EPOCH });
    expect(r.stdout.startsWith("{"), `${c.name}: ${r.stderr}`).toBe(true);
    const file = join(dir, `case-${i}.sarif`);
    writeFileSync(file, r.stdout);
    sarifOf.set(c.name, { file, doc: JSON.parse(r.stdout) });
  }
  // A control: the last document (a small pack's) with a rule's fullDescription and the driver's
  // informationUri taken out, which the Multitool must flag; so a clean verdict means something.
  const control = JSON.parse(JSON.stringify(sarifOf.get(CASES.at(-1)!.name)!.doc));
  delete control.runs[0].tool.driver.informationUri;
  delete control.runs[0].tool.driver.rules.at(-1).fullDescription;
  writeFileSync(join(dir, CONTROL), JSON.stringify(control, null, 2));
  results = validateWithMultitool(multitool.binary, [...[...sarifOf.values()].map((s) => s.file), join(dir, CONTROL)], dir);
}, 240_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The Multitool's errors and warnings for one validated file, readable in a failure. */
const problemsOf = (file: string) => results.filter((r) => r.file === fileUrl(file) && r.level !== "note").map((r) => `${r.level} ${r.ruleId}: ${r.message}`);

describe("SARIF through the SARIF Multitool with GitHub's rules (validate --rule-kind Gh;Sarif)", () => {
  for (const c of CASES) {
    it(`has no error and no warning: ${c.name}`, (ctx) => {
      if ("missing" in multitool) return ctx.skip(multitool.missing);
      const { file } = sarifOf.get(c.name)!;
      expect(results.some((r) => r.file === fileUrl(file)), "the Multitool's log has no result (not even a note) for the file, so it was not validated").toBe(true);
      expect(problemsOf(file)).toEqual([]);
    });
  }

  it("is run over every kind of finding, invalid input included", (ctx) => {
    if ("missing" in multitool) return ctx.skip(multitool.missing);
    const codes = new Set([...sarifOf.values()].flatMap((s) => s.doc.runs[0]!.results.map((r) => r.properties.code)));
    expect([...codes].sort()).toEqual(
      ["BELOW_MIN_SCORE", "INVALID_INPUT", "MISSING_DATE", "MISSING_EVIDENCE", "NA_WITHOUT_REASON", "PARTIAL_WITHOUT_NOTE", "PRINCIPLE_BELOW_MIN_SCORE", "STALE", "UNANSWERED"],
    );
  });

  it("flags what GitHub rejects: a rule without fullDescription (GH2012), a driver without informationUri (SARIF2005)", (ctx) => {
    if ("missing" in multitool) return ctx.skip(multitool.missing);
    expect(problemsOf(join(dir, CONTROL)).map((p) => p.split(":")[0]).sort()).toEqual(["error GH2012", "warning SARIF2005"]);
  });
});
