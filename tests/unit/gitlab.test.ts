import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings, passes } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import type { CheckContext } from "../../src/formats/document.js";
import { codeQualitySeverity, gitlab, repositoryPath } from "../../src/formats/gitlab.js";
import { repositoryRoot } from "../../src/io/repository.js";
import { makeAnswers, makePack } from "../helpers/builders.js";
import { withTempDir } from "../helpers/run.js";

const pack = makePack([{ id: "x", questions: [{ id: "light" }, { id: "heavy", weight: 3 }] }]);
const context = (over: Partial<CheckContext> = {}): CheckContext => ({ pack, policy: DEFAULT_POLICY, invalid: [], generated: "2026-11-20T12:00:00Z", ...over });

describe("Code Quality severity", () => {
  it("is blocker for invalid input and critical for a policy finding about a whole file or principle", () => {
    expect(codeQualitySeverity("INVALID_INPUT", "error", null)).toBe("blocker");
    for (const code of ["BELOW_MIN_SCORE", "PRINCIPLE_BELOW_MIN_SCORE", "STALE", "MISSING_DATE"] as const) {
      expect(codeQualitySeverity(code, "error", null)).toBe("critical");
    }
  });

  it("ranks a question's finding by its severity and whether the question weighs more than 1", () => {
    expect(codeQualitySeverity("UNANSWERED", "error", 1)).toBe("major");
    expect(codeQualitySeverity("MISSING_EVIDENCE", "error", 2)).toBe("critical");
    expect(codeQualitySeverity("UNANSWERED", "warning", 0.5)).toBe("info");
    expect(codeQualitySeverity("NA_WITHOUT_REASON", "warning", 1.5)).toBe("minor");
  });
});

describe("gitlab format", () => {
  it("writes one issue per finding, with the question's text and weight, and [] when there is none", () => {
    const answers = { ...makeAnswers({ x: { light: "yes" } }), file: "ml/answers.yaml" };
    const found = findings(score(pack, answers), DEFAULT_POLICY, "2026-11-20");
    const out = JSON.parse(gitlab([{ assessment: score(pack, answers), findings: found, passed: passes(found) }], context()));
    expect(out).toEqual([expect.objectContaining({
      description: "x/heavy is unanswered — heavy?", check_name: "UNANSWERED:x/heavy", severity: "critical", location: { path: "ml/answers.yaml", lines: { begin: 9 } },
    })]);
    expect(out[0].fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(gitlab([], context())).toBe("[]\n");
  });
});

describe("repository root and paths", () => {
  it("finds the nearest directory with .git, a directory or a worktree's file, else keeps the working directory", () => withTempDir((tmp) => {
    const dir = realpathSync(tmp);
    mkdirSync(join(dir, "plain", "deep"), { recursive: true });
    expect(repositoryRoot(join(dir, "plain", "deep"))).toBe(join(dir, "plain", "deep"));
    mkdirSync(join(dir, "repo", ".git"), { recursive: true });
    mkdirSync(join(dir, "repo", "a", "b"), { recursive: true });
    expect(repositoryRoot(join(dir, "repo", "a", "b"))).toBe(join(dir, "repo"));
    mkdirSync(join(dir, "repo", "linked", "src"), { recursive: true });
    writeFileSync(join(dir, "repo", "linked", ".git"), "gitdir: ../.git/worktrees/linked\n");
    expect(repositoryRoot(join(dir, "repo", "linked", "src"))).toBe(join(dir, "repo", "linked"));
  }));

  it("makes a file's path relative to the root with forward slashes, or keeps it as given without one", () => {
    const repository = { cwd: "/work/repo/ml", root: "/work/repo" };
    expect(repositoryPath("fraud/answers.yaml", context({ repository }))).toBe("ml/fraud/answers.yaml");
    expect(repositoryPath("/work/repo/answers.yaml", context({ repository }))).toBe("answers.yaml");
    expect(repositoryPath("../other/answers.yaml", context({ repository: { cwd: "/work/repo", root: "/work/repo" } }))).toBe("../other/answers.yaml");
    expect(repositoryPath("ml/answers.yaml", context())).toBe("ml/answers.yaml");
  });
});
