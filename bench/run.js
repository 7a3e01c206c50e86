// npm run bench: start-up and bulk figures for rml-assess on the Node that runs it, against `node -e 0`.
// Start-up: every command runs once per round, the commands alternating, and the median is kept.
// The CLI runs with Node's compile cache in a directory of the bench's own (Node 22.1+; warmed by
// the first rounds, as a user's cache is after a first run); the "no compile cache" row runs with
// NODE_DISABLE_COMPILE_CACHE=1, as every run on Node 20 does.
// Bulk: `check DIR --format json` over 1,000 and 10,000 generated answers files written with -o,
// to standard output redirected to a file, and piped to cat; and over 100,000 files with -o.
// Summary: `summary DIR -o FILE` over the same 10,000 files in each format, and over 100,000 as json.
// Wall time of the whole command line; peak memory of rml-assess itself (bench/peak-rss.cjs).
// Options: --rounds N (default 21), --bulk-runs N (default 3), --no-bulk, --no-100k.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "./generate.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const bin = join(root, "bin", "rml-assess.cjs");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rounds = option("--rounds", 21);
const bulkRuns = option("--bulk-runs", 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quote = (s) => `'${s.replace(/'/g, "'\\''")}'`;

const work = mkdtempSync(join(tmpdir(), "rml-bench-"));
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: "1", NODE_COMPILE_CACHE: join(work, "compile-cache"), TMPDIR: work };

/** Runs a command, returning its wall time in ms. */
function timed(argv, extra = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, stdio: ["ignore", "ignore", "pipe"], env: { ...env, ...extra } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Runs a shell command line whose rml-assess reports its peak memory; returns wall time (ms) and that peak (MB). */
function timedWithMemory(line) {
  const rss = join(work, "peak-rss");
  rmSync(rss, { force: true });
  const ms = timed(["sh", "-c", line], { NODE_OPTIONS: `--require ${JSON.stringify(join(root, "bench", "peak-rss.cjs"))}`, RML_ASSESS_TEST_PEAK_RSS: rss });
  return { ms, mb: Number(readFileSync(rss, "utf8")) / 1024 };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const example = "examples/clinical-triage.yaml";
const node = [process.execPath];
const commands = [
  ["node -e 0", [...node, "-e", "0"]],
  ["--version", [...node, bin, "--version"]],
  ["check (text)", [...node, bin, "check", example]],
  ["check (json)", [...node, bin, "check", example, "--format", "json"]],
  ["report md", [...node, bin, "report", example]],
  ["report html", [...node, bin, "report", example, "--format", "html"]],
  ["principles md", [...node, bin, "principles", "--format", "md"]],
  ["check, no compile cache", [...node, bin, "check", example], { NODE_DISABLE_COMPILE_CACHE: "1" }],
];

console.log(`rml-assess benchmark · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? "cpu"} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · load ${load()}`);
console.log(`\nStart-up: median of ${rounds} rounds, commands alternated\n`);
const samples = new Map(commands.map(([name]) => [name, []]));
for (let i = 0; i < 2; i++) for (const [, argv, extra] of commands) timed(argv, extra); // warm the file and compile caches
for (let i = 0; i < rounds; i++) for (const [name, argv, extra] of commands) samples.get(name).push(timed(argv, extra));
const floor = median(samples.get("node -e 0"));
const ratio = {};
for (const [name] of commands) {
  const m = median(samples.get(name));
  ratio[name] = m / floor;
  console.log(`  ${name.padEnd(24)} ${m.toFixed(1).padStart(7)} ms   ${(m / floor).toFixed(2)} × node -e 0`);
}

// The targets, set for Node 24 on a 2-core machine.
const targets = [
  ["check on one file ≤ 2.0 × node -e 0", ratio["check (text)"] <= 2.0],
  ["report --format html ≤ 2.4 × node -e 0", ratio["report html"] <= 2.4],
  ["principles --format md ≤ 2.0 × node -e 0", ratio["principles md"] <= 2.0],
];

/** One bulk row: the median time of `runs` runs and the highest peak memory among them. */
function bulk(label, count, line, runs) {
  const results = Array.from({ length: runs }, () => timedWithMemory(line));
  const ms = median(results.map((r) => r.ms));
  const mb = Math.max(...results.map((r) => r.mb));
  console.log(`  ${count.toLocaleString("en").padStart(7)} files  ${label.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${Math.round(count / (ms / 1000)).toLocaleString("en").padStart(6)} files/s   peak ${mb.toFixed(0).padStart(4)} MB   (load ${load()})`);
  return { ms, mb };
}

if (!args.includes("--no-bulk")) {
  console.log(`\nBulk: check DIR --format json, median of ${bulkRuns} runs (100,000 files: one run)\n`);
  const dir = join(work, "answers");
  const out = join(work, "out.json");
  const check = `${quote(process.execPath)} ${quote(bin)} check ${quote(dir)} --format json`;
  const ways = { "-o FILE": `${check} -o ${quote(out)}`, "> FILE": `${check} > ${quote(out)}`, "| cat": `${check} | cat > /dev/null` };
  generate(dir, 1000, join(root, "dist", "builtin-pack.json"));
  bulk("-o FILE", 1000, ways["-o FILE"], bulkRuns);
  rmSync(dir, { recursive: true });
  generate(dir, 10_000, join(root, "dist", "builtin-pack.json"));
  for (const [label, line] of Object.entries(ways)) {
    const { ms, mb } = bulk(label, 10_000, line, bulkRuns);
    targets.push([`10,000 files, ${label}: ≤ 5 s and < 256 MB`, ms <= 5000 && mb < 256]);
  }
  rmSync(out, { force: true });
  console.log(`\nSummary: summary DIR --format F -o FILE, median of ${bulkRuns} runs (100,000 files: one run)\n`);
  const summary = (format) => `${quote(process.execPath)} ${quote(bin)} summary ${quote(dir)} --format ${format} -o ${quote(out)}`;
  for (const format of ["md", "html", "csv", "json"]) {
    const { ms, mb } = bulk(`summary ${format}`, 10_000, summary(format), bulkRuns);
    targets.push([`summary of 10,000 files, ${format}: ≤ 5 s and < 256 MB`, ms <= 5000 && mb < 256]);
  }
  rmSync(out, { force: true });
  if (!args.includes("--no-100k")) {
    rmSync(dir, { recursive: true });
    generate(dir, 100_000, join(root, "dist", "builtin-pack.json"));
    const { ms, mb } = bulk("-o FILE", 100_000, ways["-o FILE"], 1);
    targets.push(["100,000 files, -o FILE: ≤ 45 s and < 300 MB", ms <= 45_000 && mb < 300]);
    const s = bulk("summary json", 100_000, summary("json"), 1);
    targets.push(["summary of 100,000 files, json -o FILE: ≤ 45 s and < 300 MB", s.ms <= 45_000 && s.mb < 300]);
  }
}

console.log(`\nTargets (set for Node 24; this is ${process.version})`);
for (const [name, ok] of targets) console.log(`  ${ok ? "✔" : "✖"} ${name}`);
process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
