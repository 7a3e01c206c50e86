import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { git, gitCommit, gitInit } from "../helpers/git.js";
import { BIN, FIXTURES, REPO, runInProcess, withTempDir } from "../helpers/run.js";

const doc = readFileSync(join(REPO, "docs", "diff.md"), "utf8");
const blocks = [...doc.matchAll(/```(yaml|json|sh)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, text: m[2]! }));
const gitlab = blocks.find((b) => b.text.includes(".gitlab-ci.yml"))!;

describe("docs/diff.md", () => {
  it("has a GitLab job that parses, runs only for merge requests, and posts the diff as a note", () => {
    const job = parse(gitlab.text)["rml-assess-diff"];
    expect(job.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
    const script = job.script as string[];
    expect(script.every((line) => typeof line === "string")).toBe(true);
    const diff = script.find((l) => l.startsWith("rml-assess diff"))!;
    expect(diff).toBe('rml-assess diff "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:rml-assessment.yaml" rml-assessment.yaml --format md -o rml-assess-diff.md');
    // The folded curl call is one command line, posting the file the diff wrote to the notes API.
    const curl = script.find((l) => l.startsWith("curl"))!;
    expect(curl).not.toContain("\n");
    expect(curl).toContain('--data-urlencode "body@rml-assess-diff.md"');
    expect(curl).toContain('"$CI_API_V4_URL/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes"');
    expect(script.findIndex((l) => l.startsWith("git fetch"))).toBeLessThan(script.indexOf(diff));
  });

  it("has a GitLab job whose script, run as the runner would, posts the diff as a note", () => withTempDir(async (dir) => {
    // The merge request: main holds one assessment, the checkout another; rml-assess is the built binary.
    const answers = (a: string) => stringify({ version: 1, project: { name: "MR" }, answers: { alpha: { "a-one": a, "a-two": "yes" }, beta: { "b-one": "yes", "b-two": "yes" } } });
    const origin = join(dir, "origin");
    mkdirSync(origin);
    gitInit(origin);
    writeFileSync(join(origin, "rml-assessment.yaml"), answers("yes"));
    gitCommit(origin, "main");
    const work = join(dir, "work");
    git(dir, "clone", "-q", `file://${origin}`, work);
    writeFileSync(join(work, "rml-assessment.yaml"), answers("no"));
    const bin = join(dir, "bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "rml-assess"), `#!/bin/sh
exec "${process.execPath}" "${BIN}" "$@" --pack "${join(FIXTURES, "two-principle-pack")}"
`);
    chmodSync(join(bin, "rml-assess"), 0o755);
    const notes: { url: string; token: string; type: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        notes.push({ url: req.url!, token: String(req.headers["private-token"]), type: String(req.headers["content-type"]), body: new URLSearchParams(raw).get("body") ?? "" });
        res.writeHead(201, { "Content-Type": "application/json" }).end("{}");
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const script = (parse(gitlab.text)["rml-assess-diff"].script as string[]).filter((l) => !l.startsWith("npm install"));
      const env = {
        PATH: `${bin}:${process.env.PATH}`, HOME: dir, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", NO_COLOR: "1",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: "main", RML_ASSESS_TOKEN: "glpat-test", CI_API_V4_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`,
        CI_PROJECT_ID: "42", CI_MERGE_REQUEST_IID: "7",
      };
      // Asynchronously, so this process's mock API can answer curl.
      const r = await new Promise<{ status: number | null; stderr: string }>((done) => {
        const child = spawn("bash", ["-e", "-c", script.join("\n")], { cwd: work, env, stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });
        let stderr = "";
        child.stderr.on("data", (c) => (stderr += c));
        child.on("close", (status) => done({ status, stderr }));
      });
      expect(r.status, r.stderr).toBe(0); // git fetch reports on standard error
      expect(r.stderr).not.toMatch(/error|curl:/i);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ url: "/api/v4/projects/42/merge_requests/7/notes", token: "glpat-test", type: "application/x-www-form-urlencoded" });
    expect(notes[0]!.body).toBe(readFileSync(join(work, "rml-assess-diff.md"), "utf8"));
    expect(notes[0]!.body).toMatch(/^\*\*Score 100 → 75 \(-25\), band Leading → Established, 1 answer changed: 1 regressed\*\*/);
  }));

  it("has a GitHub workflow that parses and uses the action's comment input with the permission it needs", () => {
    const workflow = parse(blocks.find((b) => b.text.includes(".github/workflows"))!.text);
    const action = parse(readFileSync(join(REPO, "action.yml"), "utf8"));
    expect(workflow.permissions["pull-requests"]).toBe("write");
    const step = workflow.jobs.assess.steps.find((s: { with?: object }) => s.with);
    expect(Object.keys(step.with).every((k) => k in action.inputs)).toBe(true);
    expect(step.with["pr-comment"]).toBe(true);
  });

  it("shows the JSON shape diff writes, key for key", async () => {
    const shown = JSON.parse(blocks.find((b) => b.lang === "json")!.text);
    const keys = (v: unknown): string[] => Array.isArray(v) ? keys(v[0]) : v && typeof v === "object" ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x).map((c) => `${k}.${c}`)]) : [];
    const r = await runInProcess(["diff", join(REPO, "examples", "credit-scoring.yaml"), join(REPO, "examples", "clinical-triage.yaml"), "--format", "json"]);
    expect(r.code).toBe(0);
    expect(keys(shown)).toEqual(keys(JSON.parse(r.stdout)));
  });
});
