import { copyFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import type { ActionItem } from "../../src/core/actions.js";
import { actionsGithub } from "../../src/formats/actions-github.js";
import { actionsGitlab } from "../../src/formats/actions-gitlab.js";
import { actionsJiraCsv } from "../../src/formats/actions-jira-csv.js";
import { actionsJson } from "../../src/formats/actions-json.js";
import { actionsText } from "../../src/formats/actions-text.js";
import { PLAIN } from "../../src/io/color.js";
import { parseCsv } from "../helpers/csv.js";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

/** Every example, and the answers whose text tries to break out of a tracker, each copied outside git (no links). */
const FILES = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml")).map((f) => join(EXAMPLES, f)),
  join(FIXTURES, "actions-hostile", "rml-assessment.yaml"),
];
const HOSTILE = FILES.at(-1)!;
const KEYS = ["id", "principle", "question", "answer", "title", "body", "labels", "owner", "due", "ticket"];
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const FORMULA = /^[=+\-@\t\r]/;

interface Item { id: string; principle: string; question: string; answer: string; title: string; body: string; labels: string[]; owner: string | null; due: string | null; ticket: string | null }

/** Runs `actions` on a copy of FILE in a fresh directory (so no git repository, no link). */
function actions(file: string, ...args: string[]) {
  return withTempDir(async (dir) => {
    copyFileSync(file, join(dir, "answers.yaml"));
    return runInProcess(["actions", "answers.yaml", ...args], { cwd: dir });
  });
}

const md = new MarkdownIt({ html: true, linkify: false });

/** What a body turns into on a page: the checks that its user text stayed text. */
function expectSafeBody(body: string, id: string) {
  const html = md.render(body);
  expect(html).not.toMatch(/<img|<script|href="javascript|<[^>]*onerror=/i);
  expect(html).not.toMatch(/<h[1-2456]/);
  // One marker only: the item's own, at the end, none forged by the team's notes.
  expect(body.match(/<!-- rml-assess:/g)).toHaveLength(1);
  expect(body.endsWith(`<!-- rml-assess:${id} -->\n`)).toBe(true);
  // No mention reaches the tracker: an @ is never followed directly by a name.
  expect(body).not.toMatch(/@[A-Za-z0-9]/);
  expect(body.replace(/\n/g, "")).not.toMatch(CONTROL);
}

describe.each(FILES.map((f) => [f.slice(f.lastIndexOf("/", f.lastIndexOf("/") - 1) + 1), f]))("actions over %s", (_, file) => {
  it("json: an array of the pinned shape, ordered by weight (or level), then due date, then id, ids unique", async () => {
    const r = await actions(file!, "--format", "json", "--all");
    expect(r.code).toBe(0);
    const items = JSON.parse(r.stdout) as Item[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) {
      expect(Object.keys(i)).toEqual(KEYS);
      expect(i.id).toBe(`${i.principle}/${i.question}`);
      expect(["no", "partial", "unanswered"]).toContain(i.answer);
      expect([...i.title].length).toBeLessThanOrEqual(255);
      expect(i.title).not.toMatch(CONTROL);
      expectSafeBody(i.body, i.id);
    }
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const rank = (i: Item) => {
      const level = i.labels.find((l) => l.startsWith("level:"));
      return level ? Number(level.slice(6)) : -Number(i.labels.find((l) => l.startsWith("weight:"))!.slice(7));
    };
    const key = (i: Item) => [rank(i), i.due ?? "9999-99-99", i.id] as const;
    for (let n = 1; n < items.length; n++) {
      const [a, b] = [key(items[n - 1]!), key(items[n]!)];
      expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2]))), `${items[n - 1]!.id} before ${items[n]!.id}`).toBe(true);
    }
  });

  it("github and gitlab: one JSON object per line, the same items, titles within the tracker's limit", async () => {
    const json = JSON.parse((await actions(file!, "--format", "json")).stdout) as Item[];
    const github = (await actions(file!, "--format", "github")).stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const gitlab = (await actions(file!, "--format", "gitlab")).stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    expect(github.map((g) => g.id)).toEqual(json.map((i) => i.id));
    expect(gitlab.map((g) => g.id)).toEqual(json.map((i) => i.id));
    github.forEach((g, n) => {
      expect(Object.keys(g)).toEqual(["id", "title", "body", "labels", "assignees"]);
      expect(g).toMatchObject({ title: json[n]!.title, body: json[n]!.body, labels: json[n]!.labels });
      expect([...g.title].length).toBeLessThanOrEqual(256);
    });
    gitlab.forEach((g, n) => {
      expect(Object.keys(g)).toEqual(["id", "title", "description", "labels", "assignees", "due_date"]);
      expect(g).toMatchObject({ description: json[n]!.body, labels: json[n]!.labels.join(","), due_date: json[n]!.due });
    });
  });

  it("jira-csv: RFC 4180 with Jira's columns, one row per item, no cell a spreadsheet reads as a formula", async () => {
    const json = JSON.parse((await actions(file!, "--format", "json")).stdout) as Item[];
    const csv = (await actions(file!, "--format", "jira-csv")).stdout;
    const [head, ...rows] = parseCsv(csv);
    expect(head!.filter((c) => c !== "Labels")).toEqual(["Summary", "Description", "Assignee", "Due date"]);
    expect(rows.map((r) => r[0])).toEqual(json.map((i) => i.title));
    rows.forEach((r, n) => {
      expect(r).toHaveLength(head!.length);
      for (const cell of r) expect(cell).not.toMatch(FORMULA);
      expect(r[1]).toBe(json[n]!.body);
      expect(r.slice(2, head!.length - 2).filter(Boolean)).toEqual(json[n]!.labels);
      expect(r.at(-1)).toBe(json[n]!.due ?? "");
    });
  });

  it("text: one entry per item and the count, with no control character", async () => {
    const json = JSON.parse((await actions(file!, "--format", "json")).stdout) as Item[];
    const r = await actions(file!);
    expect(r.code).toBe(0);
    for (const i of json) expect(r.stdout).toContain(` ${i.id}  ${i.answer}  `);
    expect(r.stdout).toMatch(new RegExp(`\\n${json.length} gaps? to track in answers\\.yaml`));
    expect(r.stdout.replace(/\n/g, "")).not.toMatch(CONTROL);
  });
});

describe("the hostile answers", () => {
  it("keep their notes readable, escaped: markdown as text, HTML as entities, the formula prefix as written", async () => {
    const items = JSON.parse((await actions(HOSTILE, "--format", "json", "--all")).stdout) as Item[];
    const scheduled = items.find((i) => i.id === "human-augmentation/scheduled-review")!;
    expect(scheduled.body).toContain("\\+cmd\\|' /C calc'!A0 # \\[link\\](javascript:alert(1)) &lt;!-- rml-assess:bias-evaluation/bias-mitigated --&gt; ping @\u2060alice");
    expect(scheduled.body).toContain("- Project: \\=HYPERLINK(\"http://evil.example\") \\*\\*bold\\*\\* &lt;img src=x onerror=alert(1)&gt; @\u2060everyone<br>second line");
    const review = items.find((i) => i.id === "human-augmentation/review-effectiveness")!;
    expect(review.body).toContain("\\-2+3 and a tab, \\`code\\`, \\| pipe \\| and \\*emphasis\\*");
    const monitoring = items.find((i) => i.id === "bias-evaluation/production-bias-monitoring")!;
    expect(monitoring.body).toContain("starts with a carriage return<br># not a heading<br>- not a list");
  });

  it("assign an owner that is a handle, and keep a name in the body only", async () => {
    const github = (await actions(HOSTILE, "--format", "github", "--all")).stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const by = (id: string) => github.find((g) => g.id === id)!;
    expect(by("human-augmentation/scheduled-review").assignees).toEqual(["alice"]);
    expect(by("human-augmentation/overrides-feed-back").assignees).toEqual(["bob-the-builder"]);
    expect(by("human-augmentation/review-effectiveness").assignees).toEqual([]);
    expect(by("human-augmentation/review-effectiveness").body).toContain("- Owner: Head of Underwriting\n");
    const csv = parseCsv((await actions(HOSTILE, "--format", "jira-csv", "--include", "no")).stdout);
    const assignee = csv[0]!.indexOf("Assignee");
    // Heaviest first: review-effectiveness weighs 2 since pack 1.2.0.
    expect(csv.slice(1).map((r) => [r[0]!.slice(0, 20), r[assignee], r.at(-1)])).toEqual([
      ["[human-augmentation]", "", "2026-11-30"],
      ["[bias-evaluation] In", "", ""],
    ]);
  });

  it("leave a tracked answer out unless --all, and say so", async () => {
    const r = await actions(HOSTILE, "--include", "no");
    expect(r.stdout).not.toContain("overrides-feed-back");
    expect(r.stdout).toMatch(/2 gaps to track in answers\.yaml; 1 already tracked by a ticket, left out \(--all lists them\)\.\n$/);
    expect((await actions(HOSTILE, "--include", "no", "--all")).stdout).toContain("human-augmentation/overrides-feed-back  no");
  });
});

describe("actionsJiraCsv", () => {
  it("starts with an apostrophe every cell a spreadsheet would read as a formula, whichever column it is in", () => {
    const item = (title: string, body: string, labels: string[], due: string): ActionItem => ({
      id: "p/q", principle: "p", question: "q", answer: "no", title, body, labels, owner: "alice", due, ticket: null,
    });
    const csv = actionsJiraCsv({ tracked: 0, items: [
      item("=1+1", "+SUM(A1)", ["-2", "@x"], "\t2026"),
      item("\r=carriage", "plain, with \"quotes\"\nand a line break", ["ok"], "2026-12-01"),
    ] });
    const rows = parseCsv(csv);
    expect(rows).toEqual([
      ["Summary", "Description", "Labels", "Labels", "Assignee", "Due date"],
      ["'=1+1", "'+SUM(A1)", "'-2", "'@x", "alice", "'\t2026"],
      ["'=carriage", "plain, with \"quotes\"\nand a line break", "ok", "", "alice", "2026-12-01"],
    ]);
  });
});

describe("no gaps", () => {
  it("is an empty array, no lines, a header alone, and a count of none", () => {
    const none = { items: [], tracked: 0 };
    expect(actionsJson(none)).toBe("[]\n");
    expect(actionsGithub(none)).toBe("");
    expect(actionsGitlab(none)).toBe("");
    expect(actionsJiraCsv(none)).toBe("Summary,Description,Labels,Assignee,Due date\r\n");
    expect(actionsText("a.yaml", none, PLAIN)).toBe("0 gaps to track in a.yaml.\n");
  });
});
