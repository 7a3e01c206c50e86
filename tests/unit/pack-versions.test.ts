import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import { upgradeAnswers } from "../../src/interview/upgrade.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { FIXTURES } from "../helpers/run.js";

/**
 * Answers files written for earlier versions of the built-in pack (tests/fixtures/pack-1.1: a
 * 1.0.0 file and two 1.1.0 files) still load under the current pack, with each answer to a retired
 * question reported as a RETIRED_QUESTION warning, and `init --upgrade` moves answers to 1.2.0 ids.
 */

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");
const read = (name: string) => readFileSync(join(FIXTURES, "pack-1.1", name), "utf8");
const parse = (name: string, text: string) => parseAnswers({ file: name, text, bytes: new TextEncoder().encode(text) }, pack);

describe("answers files of earlier pack versions", () => {
  it("is at version 1.2.1 (1.2.0 with repository probes) and retires the 1.1.0 ids the changelog names", () => {
    expect(pack.version).toBe("1.2.1");
    const retired = new Map(pack.retired.map((r) => [r.id, r.replacedBy]));
    expect(retired.get("practical-accuracy/groundedness-evaluated")).toEqual(["practical-accuracy/factual-accuracy-evaluated", "practical-accuracy/source-faithfulness-evaluated"]);
    expect(retired.get("trust-by-privacy/individual-rights")).toEqual(["trust-by-privacy/data-access-requests", "trust-by-privacy/data-erasure-requests"]);
    expect(retired.get("data-risk-awareness/prompt-injection-defences")).toEqual(["data-risk-awareness/indirect-injection-tested"]);
    // The four ids retired in 1.1.0 are still listed, so 1.0.0 files keep loading.
    expect(retired.get("data-risk-awareness/encryption")).toEqual(["data-risk-awareness/encryption-in-transit", "data-risk-awareness/encryption-at-rest"]);
  });

  for (const [name, version, expected] of [
    ["credit-1.0.yaml", "1.0.0", ["human-augmentation/review-before-full-automation", "reproducible-operations/reproduce-production-errors", "trust-by-privacy/access-restricted", "trust-by-privacy/individual-rights", "data-risk-awareness/encryption", "data-risk-awareness/exposure-based-protection"]],
    ["complete.yaml", "1.1.0", ["reproducible-operations/reproduce-production-errors", "displacement-strategy/change-material-documented", "practical-accuracy/groundedness-evaluated", "trust-by-privacy/individual-rights", "data-risk-awareness/exposure-based-protection", "data-risk-awareness/prompt-injection-defences"]],
    ["partial.yaml", "1.1.0", ["reproducible-operations/reproduce-production-errors", "practical-accuracy/groundedness-evaluated", "trust-by-privacy/individual-rights", "data-risk-awareness/exposure-based-protection", "data-risk-awareness/prompt-injection-defences"]],
  ] as const) {
    it(`loads a ${version} file (${name}) with RETIRED_QUESTION warnings at its retired answers, and nothing worse than a warning`, () => {
      const a = score(pack, parse(name, read(name)));
      const found = findings(a, { ...DEFAULT_POLICY, allowUnanswered: true }, "2026-12-07");
      const retired = found.filter((f) => f.code === "RETIRED_QUESTION");
      expect(retired.map((f) => `${f.principle}/${f.question}`).filter((id) => (expected as readonly string[]).includes(id)).sort()).toEqual([...expected].sort());
      expect(found.every((f) => f.severity === "warning"), found.filter((f) => f.severity !== "warning").map((f) => f.message).join("\n")).toBe(true);
      // Apart from questions the old file never saw (unanswered) and partials without notes (a warning new in 1.2.0), only what the pack's changes explain.
      expect(new Set(found.map((f) => f.code))).toEqual(new Set(found.map((f) => f.code).filter((c) => ["RETIRED_QUESTION", "UNANSWERED", "DOES_NOT_APPLY", "PARTIAL_WITHOUT_NOTE"].includes(c))));
      expect(a.score).not.toBeNull();
    });
  }

  it("init --upgrade moves a 1.1.0 answer to its one replacement and marks the split ones, which then check as moved", () => {
    const text = read("complete.yaml");
    const r = upgradeAnswers(text, pack, parse("complete.yaml", text));
    expect(r.moved).toEqual([
      { from: "displacement-strategy/change-material-documented", to: "displacement-strategy/training-material-maintained" },
      { from: "data-risk-awareness/prompt-injection-defences", to: "data-risk-awareness/indirect-injection-tested" },
    ]);
    expect(r.left.map((l) => l.id)).toEqual([
      "reproducible-operations/reproduce-production-errors", "practical-accuracy/groundedness-evaluated", "trust-by-privacy/individual-rights", "data-risk-awareness/exposure-based-protection",
    ]);
    const after = parse("complete.yaml", r.text);
    expect(after.answers.get("displacement-strategy")?.get("training-material-maintained")?.answer).toBe("partial");
    expect(after.answers.get("data-risk-awareness")?.get("indirect-injection-tested")?.answer).toBe("yes");
    expect(after.retired.map((x) => x.retired.id)).toEqual(r.left.map((l) => l.id));
    // Each left entry carries the comment that says what to do.
    expect(r.text).toMatch(/# Retired in responsible-ml 1\.2\.1, not moved: it was split into several questions; answer\n\s+# each of them\. It is asked now as trust-by-privacy\/data-access-requests,/);
    // Running it again changes nothing.
    expect(upgradeAnswers(r.text, pack, after).text).toBe(r.text);
  });

  it("init --upgrade takes a 1.0.0 file through both retirements in one run", () => {
    const text = read("credit-1.0.yaml");
    const r = upgradeAnswers(text, pack, parse("credit-1.0.yaml", text));
    expect(r.moved.map((m) => m.from)).toContain("human-augmentation/review-before-full-automation");
    expect(parse("credit-1.0.yaml", r.text).answers.get("human-augmentation")?.get("supervised-introduction")?.answer).toBeDefined();
  });
});
