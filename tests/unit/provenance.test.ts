import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { forgetGitConfig } from "../../src/io/git-run.js";
import { gitProvenance as provenanceOnce } from "../../src/io/provenance.js";
import { repositoryKey, shownRemoteUrl, webRepositoryUrl } from "../../src/io/remote-url.js";
import { blobUrl, provenanceContext } from "../../src/formats/report/provenance.js";
import { git, gitCommit, gitInit } from "../helpers/git.js";

/** One run's provenance: a run reads git's configuration afresh (main.ts), and these tests change it between runs. */
function gitProvenance(file: string, cwd: string) {
  forgetGitConfig();
  return provenanceOnce(file, cwd);
}

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

const LOCAL = { url: null, remote: null, rule: null, branch: "main" };

describe("gitProvenance", () => {
  it("says why no commit is known outside a work tree and in a repository without commits", () => {
    const outside = mkdtempSync(join(tmpdir(), "rml-provenance-"));
    made.push(outside);
    writeFileSync(join(outside, "a.yaml"), "version: 1\n");
    expect(gitProvenance("a.yaml", outside)).toEqual({ commit: null, reason: "the answers file is not in a git work tree, so no commit is known" });
    expect(gitProvenance("ml/a.yaml", workTree())).toEqual({ commit: null, reason: "the git repository holding the answers file has no commits yet" });
  });

  it("names HEAD's commit, the file's path from the root and a local repository, clean until the file changes", () => {
    const dir = workTree();
    const commit = gitCommit(dir, "first");
    expect(gitProvenance("ml/a.yaml", dir)).toEqual({ commit, dirty: false, dir: "ml", path: "ml/a.yaml", repository: LOCAL, problems: [] });
    writeFileSync(join(dir, "ml", "a.yaml"), "version: 1\n# edited\n");
    expect(gitProvenance(join(dir, "ml", "a.yaml"), "/")).toMatchObject({ commit, dirty: true, dir: "ml" });
  });

  it("takes HEAD as the revision even beside a file named HEAD", () => {
    const dir = workTree(true);
    const commit = gitCommit(dir, "first");
    expect(gitProvenance("a.yaml", join(dir, "ml"))).toMatchObject({ commit, dirty: false, dir: "ml", path: "ml/a.yaml" });
  });

  it("counts a file git does not track as differing from the commit", () => {
    const dir = workTree();
    const commit = gitCommit(dir, "first");
    writeFileSync(join(dir, "b.yaml"), "version: 1\n");
    expect(gitProvenance("b.yaml", dir)).toMatchObject({ commit, dirty: true, dir: "", path: "b.yaml" });
  });

  it("names the remote by the rule: the branch's upstream, else origin, else the only one; several others are said, not guessed", () => {
    const dir = workTree();
    gitCommit(dir, "first");
    git(dir, "remote", "add", "mirror", "https://ci:s3cret@gitlab.example.org/acme/mirror.git");
    expect(gitProvenance("ml/a.yaml", dir)).toMatchObject({ repository: { url: "https://gitlab.example.org/acme/mirror.git", remote: "mirror", rule: "only", branch: "main" }, problems: [] });
    git(dir, "remote", "add", "backup", "/srv/git/acme.git");
    const unnamed = gitProvenance("ml/a.yaml", dir);
    expect(unnamed).toMatchObject({ repository: null });
    expect(unnamed.commit && unnamed.problems).toEqual(["the repository has 2 remotes (backup, mirror), none of them the current branch's upstream or named origin, so the repository read is not named"]);
    git(dir, "remote", "add", "origin", "git@github.com:acme/scoring.git");
    expect(gitProvenance("ml/a.yaml", dir)).toMatchObject({ repository: { url: "github.com:acme/scoring.git", remote: "origin", rule: "origin" }, problems: [] });
    git(dir, "config", "branch.main.remote", "mirror");
    expect(gitProvenance("ml/a.yaml", dir)).toMatchObject({ repository: { url: "https://gitlab.example.org/acme/mirror.git", remote: "mirror", rule: "upstream" } });
    git(dir, "config", "branch.main.remote", "gone");
    expect(gitProvenance("ml/a.yaml", dir)).toMatchObject({ repository: null, problems: ["the current branch's upstream remote 'gone' has no URL, so the repository read is not named"] });
  });

  it("fails closed when a git call fails: git's own reason is said, no commit is guessed", () => {
    const dir = workTree();
    gitCommit(dir, "first");
    writeFileSync(join(dir, ".git", "config"), "[core\n\tbroken = \n");
    expect(gitProvenance("ml/a.yaml", dir)).toEqual({ commit: null, reason: "git could not name the commit (bad config line 1 in file .git/config)" });
  });
});

describe("remote URLs", () => {
  it("drops user names, passwords, tokens and queries; keeps local paths", () => {
    expect(shownRemoteUrl("https://user:pa55@github.com/acme/x.git")).toBe("https://github.com/acme/x.git");
    expect(shownRemoteUrl("https://x-access-token:ghs_abc@github.com/acme/x")).toBe("https://github.com/acme/x");
    expect(shownRemoteUrl("https://glpat-123@gitlab.com/acme/x.git?private_token=zzz#frag")).toBe("https://gitlab.com/acme/x.git");
    expect(shownRemoteUrl("ssh://git@host.example.org:2222/acme/x.git")).toBe("ssh://host.example.org:2222/acme/x.git");
    expect(shownRemoteUrl("deploy:tok@github.com:acme/x.git")).toBe("github.com:acme/x.git");
    expect(shownRemoteUrl("/srv/git/acme.git")).toBe("/srv/git/acme.git");
    expect(shownRemoteUrl("C:/repos/acme")).toBe("C:/repos/acme");
  });

  it("finds one repository in its https, ssh and scp-like forms, and web addresses on GitHub and GitLab only", () => {
    const forms = ["https://github.com/Acme/Scoring.git", "git@github.com:acme/scoring.git", "ssh://git@github.com/acme/scoring", "https://tok@github.com/acme/scoring/"];
    expect(new Set(forms.map(repositoryKey))).toEqual(new Set(["github.com/acme/scoring"]));
    expect(repositoryKey("/srv/git/acme.git")).toBeNull();
    expect(webRepositoryUrl("git@gitlab.example.org:group/sub/x.git")).toBe("https://gitlab.example.org/group/sub/x");
    expect(webRepositoryUrl("https://git.example.org/acme/x")).toBeNull();
  });
});

describe("provenanceContext and blobUrl", () => {
  const plain = { text: (s: string) => s, href: (s: string) => s, code: (s: string) => `\`${s}\`` };
  const read = (url: string | null) => ({ commit: "c0ffee".padEnd(40, "0"), dirty: false, dir: "ml", path: "ml/a.yaml", repository: { url, remote: url ? "origin" : null, rule: url ? ("origin" as const) : null, branch: "main" }, problems: [] });

  it("builds links on the repository read, never on the declared one", () => {
    expect(blobUrl(read("git@github.com:acme/read.git"), "docs/card.md")).toBe(`https://github.com/acme/read/blob/${"c0ffee".padEnd(40, "0")}/ml/docs/card.md`);
    expect(blobUrl(read(null), "docs/card.md")).toBeNull();
    expect(blobUrl(read("https://github.com/acme/read"), "../../etc/passwd")).toBeNull();
    expect(blobUrl({ commit: null, reason: "x" }, "docs/card.md")).toBeNull();
  });

  it("says when the declared repository is not the one read, and not when it is", () => {
    expect(provenanceContext("https://github.com/acme/declared", read("https://github.com/acme/read"), plain).provenance).toMatchObject({ differs: true, undecided: false });
    expect(provenanceContext("https://github.com/acme/read", read("git@github.com:acme/read.git"), plain).provenance).toMatchObject({ differs: false });
    expect(provenanceContext("https://github.com/acme/read", read(null), plain).provenance).toMatchObject({ differs: true, repository: { local: true } });
    expect(provenanceContext(undefined, read("https://github.com/acme/read"), plain).provenance).toMatchObject({ differs: false });
    expect(provenanceContext("https://github.com/acme/read", { ...read(null), repository: null }, plain).provenance).toMatchObject({ differs: false, undecided: true, unnamed: true });
    expect(provenanceContext("x", { commit: null, reason: "why" }, plain)).toEqual({ provenance: null, unread: { reason: "why" } });
  });
});
