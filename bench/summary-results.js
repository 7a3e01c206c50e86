// node bench/summary-results.js (after npm run build): `summary` over many result files of
// `check --format json`, against the floor of reading and JSON.parse-ing the same files (issue 32:
// at most 2.0 x). A few thousand answers files are generated (bench/generate.js) and checked once;
// their results are then copied, each under a file name of its own, into COUNT result files (one
// result document each, as a shard's `check -o` writes it). Both runs are one thread, as summary
// reads result files on its main thread. Prints seconds, peak MB (bench/peak-rss.cjs) and x floor.
// Options: --count N (default 100000), --distinct N answers files (default 2000), --runs N (default 1).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { bin, load, median, option, peakMemory, root } from "./common.js";
import { generate } from "./generate.js";

const count = option("--count", 100_000);
const distinct = option("--distinct", 2000);
const runs = option("--runs", 1);

const work = mkdtempSync(join(tmpdir(), "rml-bench-results-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: "1", NODE_COMPILE_CACHE: join(work, "compile-cache"), TMPDIR: work };

/** Runs argv in the work directory with its peak memory recorded; wall time in ms and peak in MB. */
function measured(argv) {
  const peak = peakMemory(work);
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: work, stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024, env: { ...env, ...peak.env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.slice(0, 4).join(" ")} … exited ${r.status}: ${r.stderr}`);
  return { ms, mb: peak.mb() };
}

console.log(`summary over result files · node ${process.version} · ${cpus().length} cores · load ${load()}`);
// 1. A few thousand answers files, checked once: the results every result file is copied from.
const answers = join(work, "answers");
generate(answers, distinct, join(root, "dist", "builtin-pack.json"));
const checked = spawnSync(process.execPath, [bin, "check", "answers", "--format", "json", "-o", "all.json"], { cwd: work, env, encoding: "utf8" });
if (checked.status !== 0 && checked.status !== 1) throw new Error(`check exited ${checked.status}: ${checked.stderr}`);
const doc = JSON.parse(readFileSync(join(work, "all.json"), "utf8"));
rmSync(answers, { recursive: true });

// 2. COUNT result files r/1.json … (short names: the command line holds them all), one result each.
mkdirSync(join(work, "r"));
const names = [];
for (let i = 1; i <= count; i++) {
  const result = { ...doc.results[(i - 1) % doc.results.length], file: `teams/team-${i}/rml-assessment.yaml` };
  const name = `r/${i}.json`;
  writeFileSync(join(work, name), `${JSON.stringify({ tool: doc.tool, results: [result], passed: result.passed }, null, 2)}\n`);
  names.push(name);
}
writeFileSync(join(work, "floor.cjs"), `"use strict";
// The floor: read and JSON.parse every file, on one thread, keeping nothing.
const { readFileSync } = require("node:fs");
let n = 0;
for (const file of process.argv.slice(2)) n += JSON.parse(readFileSync(file, "utf8")).results.length;
if (n === 0) process.exitCode = 1;
`);

// 3. The floor and summary, alternated, median of the runs, after one untimed pass of each: the
// files just written are flushed and cached before anything is timed (in the one full-size run
// made while writing this, a cold first floor pass took 8 times as long as the summary after it).
measured([process.execPath, "floor.cjs", ...names]);
measured([process.execPath, bin, "summary", ...names, "--format", "json", "-o", "summary.json"]);
const floor = [];
const summary = [];
for (let i = 0; i < runs; i++) {
  floor.push(measured([process.execPath, "floor.cjs", ...names]));
  summary.push(measured([process.execPath, bin, "summary", ...names, "--format", "json", "-o", "summary.json"]));
}
const out = JSON.parse(readFileSync(join(work, "summary.json"), "utf8"));
if (out.assessments.length !== count || out.invalid.length) throw new Error(`summary gave ${out.assessments.length} rows and ${out.invalid.length} invalid for ${count} results`);
const row = (label, list, base) => {
  const ms = median(list.map((r) => r.ms));
  const mb = Math.max(...list.map((r) => r.mb));
  console.log(`  ${label.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s   peak ${mb.toFixed(0).padStart(4)} MB   ${(ms / base).toFixed(2)} x floor`);
  return ms;
};
console.log(`\n${count.toLocaleString("en")} result files, median of ${runs} run${runs === 1 ? "" : "s"} (load ${load()})\n`);
const base = median(floor.map((r) => r.ms));
row("floor: read + JSON.parse", floor, base);
const ms = row("summary FILES --format json -o", summary, base);
const ok = ms / base <= 2.0;
console.log(`\nTarget: summary of result files at most 2.0 x floor: ${ok ? "✔" : "✖"}`);
process.exitCode = ok ? 0 : 1;
