import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, REPO, runBinary, runInProcess, withTempDir } from "../helpers/run.js";
import { sarifErrors, xmllintJunit } from "../helpers/validate.js";

const PACK = join(FIXTURES, "crosswalk-pack");
const ANSWERS = join(FIXTURES, "crosswalk-answers");
const file = (name: string) => join(ANSWERS, `${name}.yaml`);
const crosswalk = (name: string, ...args: string[]) => runInProcess(["crosswalk", file(name), "--pack", PACK, ...args]);

interface ItemJson { id: string; title: string; status: string; questions: { principle: string; question: string; answer: string }[]; limits?: string[]; article?: number; reason?: string | null }
interface CoverageJson { framework: Record<string, string>; items: ItemJson[]; counts: Record<string, number> }

async function json(name: string, ...args: string[]): Promise<CoverageJson> {
  const r = await crosswalk(name, "--format", "json", ...args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as CoverageJson;
}

describe("crosswalk", () => {
  it("json: the pinned shape, one object for one framework", async () => {
    const out = await json("mixed", "--framework", "demo-framework");
    expect(Object.keys(out)).toEqual(expect.arrayContaining(["framework", "items", "counts"]));
    expect(out.framework).toEqual({ id: "demo-framework", title: "Demo framework", version: "1.0", source: "https://example.org/demo-framework" });
    // D-2's only question is n/a with a reason: not applicable, shown with that reason, never met.
    expect(out.items.map((i) => [i.id, i.status])).toEqual([["D-1", "partial"], ["D-2", "not-applicable"], ["D-3", "unmapped"], ["D-4", "unmapped"], ["D-5", "gap"]]);
    expect(out.items[0]).toMatchObject({ id: "D-1", title: "Core work is done", questions: [{ principle: "alpha", question: "core-one", answer: "unanswered" }, { principle: "alpha", question: "core-two", answer: "yes" }] });
    expect(out.items[2]!.questions).toMatchObject([{ principle: "beta", question: "vendor-reviewed", answer: "does-not-apply" }]);
    expect(out.counts).toEqual({ met: 0, partial: 1, gap: 1, unmapped: 2, "not-applicable": 1 });
    expect(out).toMatchObject({ coverage: 0, total: 5, applicable: 4, mapped: 2, mappedCoverage: 0, evidenceVerified: false });
    expect(out.items[1]).toMatchObject({ reason: "n/a: beta/least-privilege: The system holds no data to restrict.", coverage: "full" });
  });

  it("json: all-yes answers (with evidence) meet every mapped item, all-no leave each a gap, and unmapped items stay unmapped", async () => {
    for (const [name, status] of [["all-yes", "met"], ["all-no", "gap"]] as const) {
      const out = await json(name, "--framework", "demo-framework");
      const mapped = out.items.filter((i) => i.questions.length > 0);
      expect(mapped.length).toBeGreaterThan(0);
      expect(mapped.every((i) => i.status === status)).toBe(true);
      expect(out.items.filter((i) => i.questions.length === 0).map((i) => i.status)).toEqual(["unmapped"]);
      expect(out.counts[status]).toBe(mapped.length);
    }
  });

  it("json: several frameworks make an array of the same objects, in the order asked", async () => {
    const r = await crosswalk("all-yes", "--format", "json", "--framework", "second-framework", "--framework", "demo-framework");
    const out = JSON.parse(r.stdout) as CoverageJson[];
    expect(out.map((c) => c.framework.id)).toEqual(["second-framework", "demo-framework"]);
    expect(out[0]!.counts).toEqual({ met: 1, partial: 0, gap: 0, unmapped: 1, "not-applicable": 0 });
  });

  it("text: each item's status in words, grouped, with the counts and the limit of the claim", async () => {
    const r = await crosswalk("mixed", "--framework", "demo-framework,second-framework");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines).toContain("Demo framework 1.0");
    expect(lines).toContain("  0 of 4 items met (0%) (of 5 items, 1 not applicable); 0 of 2 mapped items met (0%)");
    expect(lines).toContain("  1 partial, 1 gap, 2 unmapped (no question of the pack evidences them), 1 not applicable, of 5; evidence not verified (add --verify-evidence)");
    expect(lines).toContain("  Group one: the basics");
    expect(lines.find((l) => l.includes("D-2"))).toMatch(/^\s+not applicable\s+D-2\s+Access is restricted$/);
    expect(lines.find((l) => l.includes("D-5"))).toMatch(/^\s+gap\s+D-5/);
    expect(lines).toContain("Second framework 2");
    expect(lines[0]).toMatch(/^Coverage by self-assessment is not conformity\./);
  });

  it("md: a table per group, statuses in words, the answers file's text escaped", async () => {
    const r = await crosswalk("mixed", "--format", "md", "--framework", "demo-framework");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("# Crosswalk: Mixed &lt;b&gt;system&lt;/b&gt; \\| \\*bold\\*");
    expect(r.stdout).toContain("## Coverage: Demo framework 1.0");
    expect(r.stdout).toContain("### Group one: the basics");
    expect(r.stdout).toContain("| `D-2` Access is restricted | **Not applicable** | `beta/least-privilege` **N/A**: Least privilege is access restriction.<br>n/a: beta/least-privilege: The system holds no data to restrict. |");
    expect(r.stdout).toContain("> **Coverage by self-assessment is not conformity.");
    expect(r.stdout.indexOf("not conformity")).toBeLessThan(r.stdout.indexOf("| Item |"));
    expect(r.stdout).toContain("| `D-4` Something the pack does not ask | **Unmapped** | the demo pack has no question about it |");
    expect(r.stdout).not.toContain("&amp;lt;");
  });

  it("html: a self-contained page with the report's CSP, statuses in words, user text escaped", async () => {
    const r = await crosswalk("mixed", "--format", "html", "--framework", "demo-framework");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(r.stdout).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`);
    expect(r.stdout).toContain("<h1>Mixed &lt;b&gt;system&lt;/b&gt; | *bold*</h1>");
    expect(r.stdout).toContain('<span class="badge" data-status="n/a">Not applicable</span>');
    expect(r.stdout.indexOf('<div class="notice" role="note"')).toBeGreaterThan(0);
    expect(r.stdout.indexOf('<div class="notice" role="note"')).toBeLessThan(r.stdout.indexOf("<table"));
    expect(r.stdout).toContain('<span class="badge" data-status="no">Gap</span>');
    expect(r.stdout).toContain("<caption>Group two: the rest</caption>");
    expect(r.stdout).not.toMatch(/<script|<link|src="http/);
  });

  it("--verify-evidence: a met item needs its evidence found; without it, met says 'evidence not verified'", async () => {
    const unverified = await crosswalk("all-yes", "--framework", "demo-framework");
    expect(unverified.stdout).toMatch(/^\s+met \(evidence not verified\)\s+D-1/m);
    // docs/evidence.md does not exist beside the fixture, so no item is met once evidence is verified.
    const verified = await json("all-yes", "--framework", "demo-framework", "--verify-evidence");
    expect(verified.items.filter((i) => i.status === "met")).toEqual([]);
    expect(verified.items.find((i) => i.id === "D-1")).toMatchObject({ status: "partial", limits: [expect.stringMatching(/evidence was not found/), expect.stringMatching(/evidence was not found/)] });
    expect(verified).toMatchObject({ evidenceVerified: true });
  });

  it("json of the clinical example: ISO/IEC 42001's total is 38, the headline over every item first", async () => {
    const r = await runInProcess(["crosswalk", join(REPO, "examples", "clinical-triage.yaml"), "--framework", "iso-42001", "-f", "json"]);
    const out = JSON.parse(r.stdout) as CoverageJson & { total: number; applicable: number; mapped: number; coverage: number; mappedCoverage: number; headline: string };
    expect(out.total).toBe(38);
    expect(out.items).toHaveLength(38);
    expect(out.coverage).toBe(Math.floor((100 * out.counts.met!) / out.applicable));
    expect(out.applicable).toBe(38 - out.counts["not-applicable"]!);
    expect(out.headline).toMatch(new RegExp(`^${out.counts.met} of ${out.applicable} items met \\(${out.coverage}%\\).*; ${out.counts.met} of ${out.mapped} mapped items met \\(${out.mappedCoverage}%\\)$`));
    expect(out.mapped).toBeLessThan(38);
    expect(out.items.every((i) => "coverage" in i)).toBe(true);
  });

  it("the EU view of the support-assistant example (risk: limited) marks Articles 9-15 not applicable, in json and text", async () => {
    const r = await runInProcess(["crosswalk", join(REPO, "examples", "support-assistant.yaml"), "--framework", "eu-ai-act", "-f", "json"]);
    const out = JSON.parse(r.stdout) as CoverageJson;
    const highRisk = out.items.filter((i) => i.article! >= 9 && i.article! <= 15);
    expect(highRisk.length).toBeGreaterThan(50);
    expect(highRisk.every((i) => i.status === "not-applicable" && i.reason === "applies to high-risk systems; project.risk is limited")).toBe(true);
    const text = await runInProcess(["crosswalk", join(REPO, "examples", "support-assistant.yaml"), "--framework", "eu-ai-act"]);
    expect(text.stdout).toMatch(/^\s+not applicable\s+Art\. 14\(4\)\(d\)/m);
  });

  it("-o writes the output to a file and says nothing on standard output", () => withTempDir(async (dir) => {
    const out = join(dir, "coverage.md");
    const r = await runInProcess(["crosswalk", file("all-yes"), "--pack", PACK, "--framework", "demo-framework", "-f", "md", "-o", out], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: "" });
    expect(readFileSync(out, "utf8")).toContain("## Coverage: Demo framework");
  }));

  it("--list names the pack's frameworks, in text and json", async () => {
    const text = await runInProcess(["crosswalk", "--list", "--pack", PACK]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^demo-framework\s+Demo framework 1\.0: 5 items, 4 mapped to questions$/m);
    const list = JSON.parse((await runInProcess(["crosswalk", "--list", "--pack", PACK, "-f", "json"])).stdout) as { id: string; items: number; mapped: number }[];
    expect(list.map((f) => [f.id, f.items, f.mapped])).toEqual([["demo-framework", 5, 4], ["second-framework", 2, 1]]);
    const builtin = await runInProcess(["crosswalk", "--list"]);
    expect(builtin.stdout.match(/^\S+/gm)).toEqual(["eu-ai-act", "iso-42001", "nist-ai-rmf"]);
  });

  it("is a usage error (exit 2) without --framework, or with one the pack does not have", async () => {
    const none = await crosswalk("mixed");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("the pack's frameworks: demo-framework, second-framework");
    const typo = await crosswalk("mixed", "--framework", "demo-framwork");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean 'demo-framework'?");
  });

  it("reports an invalid crosswalk file of a pack at file:line:column (exit 2)", () => withTempDir(async (dir) => {
    cpSync(PACK, dir, { recursive: true });
    writeFileSync(join(dir, "crosswalk", "bad.yaml"), "framework: { id: bad, title: Bad, version: '1', source: https://example.org, reuse: r }\nitems:\n  - { id: B, title: T, questions: [ { id: alpha/nope, rationale: r } ] }\n");
    const r = await runInProcess(["crosswalk", file("mixed"), "--pack", dir, "--framework", "bad"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/crosswalk\/bad\.yaml:3:43: 'alpha\/nope' is not a question of the pack 'traits-demo'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }));

  it("runs from the built binary (the validator is a part loaded on use)", () => {
    const r = runBinary(["crosswalk", file("all-no"), "--pack", PACK, "--framework", "second-framework", "-f", "json"]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as CoverageJson).items.map((i) => i.status)).toEqual(["gap", "unmapped"]);
  });
});

describe("report --framework", () => {
  it("md: adds the coverage section; without the flag there is none", async () => {
    const r = await runInProcess(["report", file("mixed"), "--pack", PACK, "--framework", "demo-framework"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("## Coverage: Demo framework 1.0");
    expect(r.stdout.indexOf("## Coverage")).toBeLessThan(r.stdout.indexOf("## Gaps and recommendations"));
    expect(r.stdout).toContain("| `D-1` Core work is done | **Partial** |");
    const plain = await runInProcess(["report", file("mixed"), "--pack", PACK]);
    expect(plain.stdout).not.toContain("Coverage");
  });

  it("html: a coverage section per framework, and the framework items of each question in one appendix table", async () => {
    const r = await runInProcess(["report", file("all-yes"), "--pack", PACK, "-f", "html", "--framework", "demo-framework,second-framework"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<section class="coverage" id="coverage-demo-framework"');
    expect(r.stdout).toContain('<section class="coverage" id="coverage-second-framework"');
    // The principle detail no longer repeats the mappings; the appendix has one row per mapped question, a column per framework.
    expect(r.stdout).not.toContain("Maps to");
    const appendix = r.stdout.slice(r.stdout.indexOf('<section class="appendix"'));
    expect(appendix).toContain("<th scope=\"col\">Demo framework</th><th scope=\"col\">Second framework</th>");
    expect(appendix).toMatch(/<code>core-one<\/code><\/th><td class="a"><span class="badge" data-status="yes">Yes<\/span><\/td><td><code>D-1<\/code>, <code>D-5<\/code><\/td><td><code>S-1<\/code><\/td><\/tr>/);
    expect(appendix.match(/<tr><th scope="row"/g)?.length).toBeGreaterThan(1);
    // The coverage tables keep each item's status, without the question lists the appendix holds.
    expect(r.stdout).toMatch(/<th scope="row" class="q"><code>D-1<\/code> Core work is done/);
    const plain = await runInProcess(["report", file("all-yes"), "--pack", PACK, "-f", "html"]);
    expect(plain.stdout).not.toContain('<section class="coverage"');
    expect(plain.stdout).not.toContain('class="appendix"');
  });
});

describe("check --framework --min-coverage", () => {
  const check = (name: string, ...args: string[]) => runInProcess(["check", file(name), "--pack", PACK, "--allow-unanswered", "--no-config", ...args]);

  it("fails with FRAMEWORK_COVERAGE below the minimum and passes at or above it", async () => {
    const low = await check("mixed", "--framework", "demo-framework", "--min-coverage", "34", "-f", "json");
    expect(low.code).toBe(1);
    const findings = (JSON.parse(low.stdout) as { results: { findings: { code: string; severity: string; line: number }[] }[] }).results[0]!.findings;
    expect(findings.filter((f) => f.code === "FRAMEWORK_COVERAGE")).toEqual([expect.objectContaining({ severity: "error", line: 10 })]);
    expect((await check("mixed", "--framework", "demo-framework", "--min-coverage", "0")).code).toBe(0);
    // The honest figure: all-yes meets 4 of the 5 items (one is unmapped), and 1 of the second framework's 2.
    expect((await check("all-yes", "--framework", "demo-framework,second-framework", "--min-coverage", "50")).code).toBe(0);
    expect((await check("all-yes", "--framework", "demo-framework", "--min-coverage", "81")).code).toBe(1);
    expect((await check("all-yes", "--framework", "demo-framework", "--min-coverage", "80")).code).toBe(0);
    const both = await check("all-no", "--framework", "demo-framework,second-framework", "--min-coverage", "1");
    expect(both.code).toBe(1);
    expect(both.stdout.match(/FRAMEWORK_COVERAGE/g)).toHaveLength(2);
  });

  it("reports the finding in every check format", async () => {
    const args = ["--framework", "demo-framework", "--min-coverage", "50"];
    for (const format of ["text", "json", "github", "gitlab", "junit", "sarif"]) {
      const r = await check("all-no", ...args, "-f", format);
      expect(r.code, format).toBe(1);
      expect(r.stdout, format).toContain("FRAMEWORK_COVERAGE");
    }
    const sarif = JSON.parse((await check("all-no", ...args, "-f", "sarif")).stdout) as { runs: { tool: { driver: { rules: { id: string; fullDescription?: { text: string } }[] } }; results: { ruleId: string }[] }[] };
    expect(sarifErrors(sarif)).toEqual([]);
    expect(sarif.runs[0]!.tool.driver.rules.find((r) => r.id === "FRAMEWORK_COVERAGE")?.fullDescription?.text).toMatch(/items that apply to the system/);
    expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain("FRAMEWORK_COVERAGE");
    const junit = (await check("all-no", ...args, "-f", "junit")).stdout;
    expect(junit).toContain('name="min-coverage 50 (demo-framework)"');
    expect(xmllintJunit(junit).valid).toBe(true);
  });

  it("takes framework: and min-coverage: from the config, the flags winning", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  framework: demo-framework\n  min-coverage: 100\n  allow-unanswered: true\n");
    const run = (...args: string[]) => runInProcess(["check", file("mixed"), "--pack", PACK, ...args], { cwd: dir });
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Policy: framework demo-framework (.rml-assess.yaml policy.framework), min-coverage 100 (.rml-assess.yaml policy.min-coverage)");
    expect((await run("--min-coverage", "0")).code).toBe(0);
  }));

  it("is a usage error to give a minimum without a framework, a framework without a minimum, or either with --validate-only", async () => {
    for (const args of [["--min-coverage", "50"], ["--framework", "demo-framework"], ["--validate-only", "--framework", "demo-framework"]]) {
      const r = await runInProcess(["check", file("mixed"), "--pack", PACK, "--no-config", ...args]);
      expect(r.code, args.join(" ")).toBe(2);
    }
  });

  it("refuses a config value of the wrong type at its position", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, ".rml-assess.yaml"), "policy:\n  framework: [demo-framework]\n  min-coverage: lots\n");
    const r = await runInProcess(["check", file("mixed"), "--pack", PACK], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.rml-assess\.yaml:3:17: 'policy\.min-coverage' must be a number/);
  }));
});

describe("the crosswalk schema", () => {
  it("is published beside the other schemas and used by the build", () => {
    const schema = JSON.parse(readFileSync(join(REPO, "schema", "crosswalk.schema.json"), "utf8")) as { $id: string; required: string[] };
    expect(schema.$id).toBe("https://rml-assess.dev/schema/crosswalk.schema.json");
    expect(schema.required).toEqual(["framework", "items"]);
  });
});
