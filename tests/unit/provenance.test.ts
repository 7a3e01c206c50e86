import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitProvenance } from "../../src/io/provenance.js";
import { gitCommit, gitInit } from "../helpers/git.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A work tree holding ml/a.yaml (and, when asked, a file named HEAD beside it). */
function workTree(withHeadFile = false): string {
  const dir = mkdtempSync(join(tmpdir(), "rml-provenance-"));
  made.push(dir);
  mkdirSync(join(dir, "ml"));
  writeFileSync(join(dir, "ml", "a.yaml"), "version: 1\n");
  if (withHeadFile) writeFileSync(join(dir, "ml", "HEAD"), "not a revision\n");
  gitInit(dir);
  return dir;
}

describe("gitProvenance", () => {
  it("is null outside a work tree and in a repository without commits", () => {
    const outside = mkdtempSync(join(tmpdir(), "rml-provenance-"));
    made.push(outside);
    writeFileSync(join(outside, "a.yaml"), "version: 1\n");
    expect(gitProvenance("a.yaml", outside)).toBeNull();
    expect(gitProvenance("ml/a.yaml", workTree())).toBeNull();
  });

  it("names HEAD's commit and the file's directory from the root, clean until the file changes", () => {
    const dir = workTree();
    const commit = gitCommit(dir, "first");
    expect(gitProvenance("ml/a.yaml", dir)).toEqual({ commit, dirty: false, dir: "ml" });
    writeFileSync(join(dir, "ml", "a.yaml"), "version: 1\n# edited\n");
    expect(gitProvenance(join(dir, "ml", "a.yaml"), "/")).toEqual({ commit, dirty: true, dir: "ml" });
  });

  it("takes HEAD as the revision even beside a file named HEAD", () => {
    const dir = workTree(true);
    const commit = gitCommit(dir, "first");
    expect(gitProvenance("a.yaml", join(dir, "ml"))).toEqual({ commit, dirty: false, dir: "ml" });
  });

  it("counts a file git does not track as differing from the commit", () => {
    const dir = workTree();
    const commit = gitCommit(dir, "first");
    writeFileSync(join(dir, "b.yaml"), "version: 1\n");
    expect(gitProvenance("b.yaml", dir)).toEqual({ commit, dirty: true, dir: "" });
  });
});
