// npm run bench: start-up and bulk figures for rml-assess, measured against `node -e 0`.
// Start-up: every command runs once per round, the commands alternating, and the median is kept.
// The CLI runs with an empty code cache directory of its own, so it starts from the caches the
// build shipped in dist/cache/, as on a fresh CI machine; the rows marked "no code cache" run with
// RML_ASSESS_NO_CACHE=1, as a Node the build did not make caches for would on its first run.
// Bulk: `check DIR` over 1,000 and 10,000 generated answers files: files per second, peak memory.
// Options: --rounds N (default 21), --bulk-runs N (default 3), --no-bulk.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin", "rml-assess.cjs");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rounds = option("--rounds", 21);
const bulkRuns = option("--bulk-runs", 3);
const TIME = "/usr/bin/time";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const cacheDir = mkdtempSync(join(tmpdir(), "rml-bench-cache-"));
process.on("exit", () => rmSync(cacheDir, { recursive: true, force: true }));

/** Runs a command, returning wall time in ms and (with GNU time) peak resident memory in MB. */
function timed(argv, { memory = false, env = {} } = {}) {
  const cmd = memory && existsSync(TIME) ? [TIME, "-f", "%M", ...argv] : argv;
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1", RML_ASSESS_CACHE_DIR: cacheDir, ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  const kb = memory && existsSync(TIME) ? Number(String(r.stderr).trim().split("\n").pop()) : NaN;
  return { ms, mb: kb / 1024 };
}

const html = spawnSync(process.execPath, [bin, "report", "--help"], { encoding: "utf8", env: { ...process.env, RML_ASSESS_CACHE_DIR: cacheDir } }).stdout.includes("html");
const example = "examples/clinical-triage.yaml";
const commands = [
  ["node -e 0", [process.execPath, "-e", "0"]],
  ["--version", [process.execPath, bin, "--version"]],
  ["check (text)", [process.execPath, bin, "check", example]],
  ["check (json)", [process.execPath, bin, "check", example, "--format", "json"]],
  ["report md", [process.execPath, bin, "report", example]],
  ...(html ? [["report html", [process.execPath, bin, "report", example, "--format", "html"]]] : []),
  ["check, no code cache", [process.execPath, bin, "check", example], { RML_ASSESS_NO_CACHE: "1" }],
  ...(html ? [["html, no code cache", [process.execPath, bin, "report", example, "--format", "html"], { RML_ASSESS_NO_CACHE: "1" }]] : []),
];

console.log(`rml-assess benchmark · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? "cpu"} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
console.log(`\nStart-up: median of ${rounds} rounds, commands alternated\n`);
const samples = new Map(commands.map(([name]) => [name, []]));
for (let i = 0; i < 2; i++) for (const [, argv, env] of commands) timed(argv, { env }); // warm the file cache
for (let i = 0; i < rounds; i++) for (const [name, argv, env] of commands) samples.get(name).push(timed(argv, { env }).ms);
const floor = median(samples.get("node -e 0"));
const results = {};
for (const [name] of commands) {
  const m = median(samples.get(name));
  results[name] = m / floor;
  console.log(`  ${name.padEnd(21)} ${m.toFixed(1).padStart(7)} ms   ${(m / floor).toFixed(2)} × node -e 0`);
}

const targets = [
  ["check on one file ≤ 1.25 × node -e 0", results["check (text)"] <= 1.25],
  ...(html ? [["report --format html ≤ 1.5 × node -e 0", results["report html"] <= 1.5]] : []),
];

if (!args.includes("--no-bulk")) {
  console.log(`\nBulk: check DIR --format json -o FILE, median of ${bulkRuns} runs\n`);
  for (const count of [1000, 10000]) {
    const dir = mkdtempSync(join(tmpdir(), "rml-bench-"));
    try {
      generate(join(dir, "answers"), count, join(root, "dist", "builtin-pack.json"));
      const runs = [];
      for (let i = 0; i < bulkRuns; i++) runs.push(timed([process.execPath, bin, "check", join(dir, "answers"), "--format", "json", "--output", join(dir, "out.json")], { memory: true }));
      const ms = median(runs.map((r) => r.ms));
      const mb = Math.max(...runs.map((r) => r.mb));
      console.log(`  ${String(count).padStart(6)} files  ${(ms / 1000).toFixed(2).padStart(6)} s   ${Math.round(count / (ms / 1000)).toString().padStart(6)} files/s   peak ${Number.isNaN(mb) ? "n/a (no GNU time)" : `${mb.toFixed(0)} MB`}`);
      if (count === 10000) targets.push(["10,000 files ≤ 5 s", ms <= 5000], ["10,000 files peak memory < 256 MB", !(mb >= 256)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

console.log("\nTargets");
for (const [name, ok] of targets) console.log(`  ${ok ? "✔" : "✖"} ${name}`);
process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
