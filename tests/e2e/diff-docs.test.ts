import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO, runInProcess } from "../helpers/run.js";

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
