import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings, passes } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import type { CheckResult } from "../../src/core/verdict.js";
import { commandData, commandProperty, github } from "../../src/formats/github.js";
import { githubSummary, MAX_SUMMARY_ROWS } from "../../src/formats/github-summary.js";
import { summarize, type CheckContext } from "../../src/formats/document.js";
import { junit } from "../../src/formats/junit.js";
import { policyEntries } from "../../src/formats/policy.js";
import { artifactUri, sarif } from "../../src/formats/sarif.js";
import { xmlAttr, xmlText } from "../../src/text/xml.js";
import { makeAnswers, makePack } from "../helpers/builders.js";
import { sarifErrors, xmllintJunit } from "../helpers/validate.js";

const pack = makePack([{ id: "x", questions: [{ id: "a" }, { id: "b" }] }]);

function result(file: string, spec: Parameters<typeof makeAnswers>[0], policy = DEFAULT_POLICY): CheckResult {
  const assessment = score(pack, { ...makeAnswers(spec), file });
  const found = findings(assessment, policy, "2026-11-20");
  return { assessment, findings: found, passed: passes(found) };
}

const context = (over: Partial<CheckContext> = {}): CheckContext => ({ pack, policy: DEFAULT_POLICY, invalid: [], generated: "2026-11-20T12:00:00Z", ...over });

describe("workflow-command escaping", () => {
  it("escapes data as GitHub's toolkit does: %, CR and LF", () => {
    expect(commandData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
  });

  it("also escapes the ':' and ',' that separate properties", () => {
    expect(commandProperty("dir,x/a:b%.yaml\n")).toBe("dir%2Cx/a%3Ab%25.yaml%0A");
  });

  it("keeps a hostile file name inside its file= property", () => {
    const out = github([result("ml/a,line=1:b%0A.yaml", { x: { a: "yes" } })], context());
    expect(out.split("\n")[0]).toBe("::error file=ml/a%2Cline=1%3Ab%250A.yaml,line=9,col=3,title=rml-assess UNANSWERED::x/b is unanswered%0Ab?");
  });
});

describe("XML escaping", () => {
  it("escapes markup and drops characters XML 1.0 cannot hold", () => {
    expect(xmlText("a < b && c > d\u0000\u0007\u001b[0m\uFFFE\uD800 ok 🙂")).toBe("a &lt; b &amp;&amp; c &gt; d[0m ok 🙂");
    expect(xmlAttr(`"q" 'a'\tb\nc\rd`)).toBe("&quot;q&quot; &apos;a&apos;&#9;b&#10;c&#13;d");
  });

  it("keeps the JUnit document valid whatever the file name", () => {
    const xml = junit([result('we<ird> & "file".yaml', { x: { a: "yes" } })], context({ policy: { ...DEFAULT_POLICY, minScore: 90 } }));
    expect(xmllintJunit(xml).valid).toBe(true);
    expect(xml).toContain('package="we&lt;ird&gt; &amp; &quot;file&quot;.yaml"');
  });
});

describe("SARIF locations", () => {
  it("makes relative URIs with forward slashes and encoded segments, absolute paths file: URLs", () => {
    expect(artifactUri("ml/fraud/rml-assessment.yaml")).toBe("ml/fraud/rml-assessment.yaml");
    expect(artifactUri("ml\\fraud\\a b.yaml")).toBe("ml/fraud/a%20b.yaml");
    expect(artifactUri("c:d/#1 50%.yaml")).toBe("c%3Ad/%231%2050%25.yaml");
    expect(artifactUri("/srv/repo/a b.yaml")).toBe("file:///srv/repo/a%20b.yaml");
  });

  it("stays valid SARIF with such file names", () => {
    const doc = JSON.parse(sarif([result("c:d/#1 50%.yaml", { x: { a: "yes" } }), result("/srv/a b.yaml", { x: {} })], context()));
    expect(sarifErrors(doc)).toEqual([]);
    expect(doc.runs[0].results).toHaveLength(3);
  });
});

describe("the step summary", () => {
  it("records the policy it applied", () => {
    const policy = { ...DEFAULT_POLICY, minScore: 60, principleMinScores: new Map([["x", 70]]), requireEvidence: true, maxAgeDays: 90 };
    expect(policyEntries(policy)).toEqual([["min-score", "60"], ["min-score-for.x", "70"], ["require-evidence", "true"], ["max-age-days", "90"]]);
    expect(githubSummary([summarize(result("a.yaml", { x: { a: "yes", b: "yes" } }, policy))], context({ policy }))).toContain(
      "❌ The assessment fails (policy: min-score 60, min-score-for.x 70, require-evidence, max-age-days 90).",
    );
  });

  it(`lists at most ${MAX_SUMMARY_ROWS} findings and counts the rest`, () => {
    const many = Array.from({ length: 300 }, (_, i) => result(`team-${i}.yaml`, { x: {} }));
    const md = githubSummary(many.map((r) => summarize(r)), context());
    expect(md.split("\n").filter((l) => / \| UNANSWERED \| /.test(l))).toHaveLength(MAX_SUMMARY_ROWS);
    expect(md).toContain("…and 100 more; run `rml-assess check` to see them all.");
  });
});
