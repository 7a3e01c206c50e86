import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { COMMENT_LIMIT, commentBody, main, MARKER, upsertComment } from "../../scripts/pr-comment.mjs";
import { git, gitCommit, gitInit } from "../helpers/git.js";
import { BIN, FIXTURES, withTempDir } from "../helpers/run.js";

interface Seen {
  method: string;
  url: string;
  auth: string;
  body: unknown;
}

/** A stand-in for GitHub's REST API on 127.0.0.1: issue comments in memory, every request recorded. */
class MockGitHub {
  comments: { id: number; body: string; html_url: string; user?: { login: string } }[] = [];
  seen: Seen[] = [];
  failWith: number | null = null;
  private server: Server;
  private next = 1000;

  constructor() {
    this.server = createServer((req, res) => void this.handle(req).then(([status, body]) => {
      // A connection per request: a kept-alive one the server times out (5 s) while the step runs the
      // binary on a loaded machine can be reused by fetch just as it closes (ECONNRESET).
      res.writeHead(status, { "Content-Type": "application/json", Connection: "close" });
      res.end(JSON.stringify(body));
    }));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start = () => new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
  stop = () => new Promise<void>((done) => this.server.close(() => done()));

  private async handle(req: IncomingMessage): Promise<[number, unknown]> {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url!, this.url);
    this.seen.push({ method: req.method!, url: url.pathname + url.search, auth: req.headers.authorization ?? "", body: raw ? JSON.parse(raw) : null });
    if (this.failWith) return [this.failWith, { message: "Resource not accessible by integration" }];
    let m: RegExpMatchArray | null;
    if (req.method === "GET" && (m = url.pathname.match(/^\/repos\/acme\/model\/issues\/7\/comments$/))) {
      const page = Number(url.searchParams.get("page"));
      const per = Number(url.searchParams.get("per_page"));
      return [200, this.comments.slice((page - 1) * per, page * per)];
    }
    if (req.method === "POST" && url.pathname === "/repos/acme/model/issues/7/comments") {
      const id = this.next++;
      const comment = { id, body: (JSON.parse(raw) as { body: string }).body, html_url: `https://github.test/c/${id}`, user: { login: "github-actions[bot]" } };
      this.comments.push(comment);
      return [201, comment];
    }
    if (req.method === "PATCH" && (m = url.pathname.match(/^\/repos\/acme\/model\/issues\/comments\/(\d+)$/))) {
      const comment = this.comments.find((c) => c.id === Number(m![1]));
      if (!comment) return [404, { message: "Not Found" }];
      comment.body = (JSON.parse(raw) as { body: string }).body;
      return [200, comment];
    }
    return [404, { message: "Not Found" }];
  }
}

const github = new MockGitHub();
beforeAll(github.start);
afterAll(github.stop);
beforeEach(() => {
  github.comments = [];
  github.seen = [];
  github.failWith = null;
});

const target = () => ({ api: github.url, repository: "acme/model", issue: 7, token: "t0ken" });

describe("upsertComment", () => {
  it("creates the comment when the pull request has none of its own, with the token", async () => {
    github.comments.push({ id: 1, body: "LGTM", html_url: "" });
    const done = await upsertComment({ ...target(), body: `${MARKER}\nfirst` });
    expect(done.action).toBe("created");
    expect(github.seen.map((s) => `${s.method} ${s.url}`)).toEqual(["GET /repos/acme/model/issues/7/comments?per_page=100&page=1", "POST /repos/acme/model/issues/7/comments"]);
    expect(github.seen.every((s) => s.auth === "Bearer t0ken")).toBe(true);
    expect(github.comments.map((c) => c.body)).toEqual(["LGTM", `${MARKER}\nfirst`]);
  });

  it("updates its own earlier comment, found on a later page, instead of adding one", async () => {
    for (let i = 0; i < 130; i++) github.comments.push({ id: i + 1, body: i === 3 ? `quoting ${MARKER}` : `comment ${i}`, html_url: "" });
    github.comments.push({ id: 500, body: `${MARKER}\nold`, html_url: "https://github.test/c/500", user: { login: "github-actions[bot]" } });
    const done = await upsertComment({ ...target(), body: `${MARKER}\nnew` });
    expect(done).toEqual({ action: "updated", id: 500, url: "https://github.test/c/500" });
    expect(github.seen.map((s) => s.method)).toEqual(["GET", "GET", "PATCH"]);
    expect(github.comments).toHaveLength(131);
    expect(github.comments.find((c) => c.id === 500)!.body).toBe(`${MARKER}\nnew`);
    expect(github.comments[3]!.body).toBe(`quoting ${MARKER}`);
  });

  it("never edits a comment carrying the marker that someone else wrote: it makes its own", async () => {
    github.comments.push({ id: 40, body: `${MARKER}\nplanted by a contributor`, html_url: "", user: { login: "mallory" } });
    const done = await upsertComment({ ...target(), body: `${MARKER}\nfresh` });
    expect(done.action).toBe("created");
    expect(github.comments.find((c) => c.id === 40)!.body).toBe(`${MARKER}\nplanted by a contributor`);
    expect(github.seen.map((s) => s.method)).toEqual(["GET", "POST"]);
    // The next run finds its own comment, not the planted one.
    const again = await upsertComment({ ...target(), body: `${MARKER}\nagain` });
    expect(again).toMatchObject({ action: "updated", id: done.id });
    // An app's token posts as its own bot: RML_COMMENT_AUTHOR names it.
    const app = await upsertComment({ ...target(), body: `${MARKER}\napp`, author: "acme-app[bot]" });
    expect(app.action).toBe("created");
  });

  it("fails with the status and the permission the token needs", async () => {
    github.failWith = 403;
    await expect(upsertComment({ ...target(), body: MARKER })).rejects.toThrow(/answered 403 \(the workflow needs `permissions: pull-requests: write`\)/);
  });
});

describe("commentBody", () => {
  it("starts with the marker and shrinks the longest sections to their verdict to stay under GitHub's limit", () => {
    const big = (n: number) => `**Score 50 → 60 (+10), no answers regressed, 3 improved**\n\n${"x".repeat(n)}`;
    const small = commentBody([{ title: "a.yaml", markdown: big(100) }]);
    expect(small.startsWith(`${MARKER}\n\n### rml-assess: a.yaml\n\n**Score 50 → 60`)).toBe(true);
    expect(small).toContain("x".repeat(100));
    const body = commentBody([{ title: "a.yaml", markdown: big(40_000) }, { title: "b.yaml", markdown: big(30_000) }, { title: "c.yaml", markdown: big(100) }]);
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).not.toContain("x".repeat(40_000));
    expect(body).toContain("x".repeat(30_000));
    expect(body).toContain("_Details left out to keep this comment within GitHub's limit");
  });
});

describe("the action's comment step", () => {
  const PACK = join(FIXTURES, "two-principle-pack");
  const file = (a: string, b: string) => stringify({ version: 1, project: { name: "PR" }, date: "2026-11-01", answers: { alpha: { "a-one": a, "a-two": "yes" }, beta: { "b-one": b, "b-two": "yes" } } });

  /** An origin repository with main, and a checkout of a pull-request branch that changes the answers. */
  function pullRequest(dir: string): string {
    const origin = join(dir, "origin");
    mkdirSync(origin);
    gitInit(origin);
    writeFileSync(join(origin, "rml-assessment.yaml"), file("yes", "no"));
    gitCommit(origin, "main's assessment");
    const work = join(dir, "work");
    git(dir, "clone", "-q", "--depth=1", `file://${origin}`, work);
    git(work, "checkout", "-q", "-b", "feature");
    writeFileSync(join(work, "rml-assessment.yaml"), file("no", "yes"));
    writeFileSync(join(work, "new.yaml"), file("yes", "yes"));
    gitCommit(work, "change the answers");
    writeFileSync(join(dir, "event.json"), JSON.stringify({ pull_request: { number: 7, base: { ref: "main" } } }));
    return work;
  }

  const env = (dir: string) => ({
    PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null",
    GITHUB_EVENT_PATH: join(dir, "event.json"), GITHUB_TOKEN: "t0ken", GITHUB_REPOSITORY: "acme/model", GITHUB_API_URL: github.url,
    RML_FILES: "rml-assessment.yaml\nnew.yaml", RML_PACK: PACK, RML_CLI: BIN,
  });

  it("fetches the base branch, diffs each file against it and posts one comment, then updates it", () => withTempDir(async (dir) => {
    const work = pullRequest(dir);
    const logged: string[] = [];
    expect(await main(env(dir), { cwd: work, log: (l) => void logged.push(l) })).toBe(0);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]!.body;
    expect(body.startsWith(`${MARKER}\n\n### rml-assess: rml-assessment.yaml\n\n**Score 75 → 75 (no change), 2 answers changed: 1 regressed, 1 improved**`)).toBe(true);
    expect(body).toContain("<summary>Regressed (1)</summary>");
    expect(body).toContain("### rml-assess: new.yaml\n\n**New assessment**: not on `origin/main` yet");
    expect(logged).toEqual([`rml-assess: created the pull request comment ${github.comments[0]!.html_url}`]);
    expect(github.comments[0]!.html_url).toMatch(/^https:\/\/github\.test\/c\/\d+$/);
    writeFileSync(join(work, "rml-assessment.yaml"), file("no", "no"));
    expect(await main(env(dir), { cwd: work, log: () => {} })).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain("**Score 75 → 50 (-25), 1 answer changed: 1 regressed**");
    expect(github.seen.filter((s) => s.method !== "GET").map((s) => s.method)).toEqual(["POST", "PATCH"]);
  }));

  it("gives the diff process no token", () => withTempDir(async (dir) => {
    const work = pullRequest(dir);
    // A stand-in for rml-assess that prints which credentials it was given.
    const spy = join(dir, "spy.cjs");
    writeFileSync(spy, "process.stdout.write('given: ' + ['GITHUB_TOKEN', 'GH_TOKEN', 'ACTIONS_RUNTIME_TOKEN'].filter((k) => k in process.env).join(',') + ' end\\n');\n");
    const withSecrets = { ...env(dir), RML_CLI: spy, GH_TOKEN: "gh", ACTIONS_RUNTIME_TOKEN: "rt" };
    expect(await main(withSecrets, { cwd: work, log: () => {} })).toBe(0);
    expect(github.comments[0]!.body).toContain("given:  end");
    expect(github.seen.every((s) => s.auth === "Bearer t0ken")).toBe(true);
  }));

  it("does nothing outside a pull request", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "push.json"), JSON.stringify({ ref: "refs/heads/main" }));
    const logged: string[] = [];
    expect(await main({ GITHUB_EVENT_PATH: join(dir, "push.json") }, { cwd: dir, log: (l) => void logged.push(l) })).toBe(0);
    expect(logged).toEqual(["rml-assess: not a pull request event; no comment posted."]);
    expect(github.seen).toEqual([]);
  }));
});
