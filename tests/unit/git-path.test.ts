import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseGitPath } from "../../src/io/git-path.js";
import { withTempDir } from "../helpers/run.js";

describe("parseGitPath", () => {
  it("reads REF:PATH, the ref up to the first colon", () => withTempDir((dir) => {
    expect(parseGitPath("origin/main:rml-assessment.yaml", dir)).toEqual({ ref: "origin/main", path: "rml-assessment.yaml" });
    expect(parseGitPath("HEAD~2:ml/a:b.yaml", dir)).toEqual({ ref: "HEAD~2", path: "ml/a:b.yaml" });
  }));

  it("leaves files alone: plain paths, an existing file whose name holds ':', Windows drives, an empty ref or path", () => withTempDir((dir) => {
    writeFileSync(join(dir, "v2:answers.yaml"), "");
    for (const arg of ["rml-assessment.yaml", "v2:answers.yaml", "C:\\ml\\a.yaml", "c:/ml/a.yaml", ":a.yaml", "HEAD:"]) {
      expect(parseGitPath(arg, dir)).toBeNull();
    }
  }));
});
