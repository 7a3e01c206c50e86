// npm run bench: start-up and bulk figures for rml-assess on the Node that runs it, against `node -e 0`.
// Start-up: every command runs once per round, the commands alternating, and the median is kept.
// The CLI runs with Node's compile cache in a directory of the bench's own (Node 22.1+; warmed by
// the first rounds, as a user's cache is after a first run); the "no compile cache" row runs with
// NODE_DISABLE_COMPILE_CACHE=1, as every run on Node 20 does.
// Bulk (issue 32): first the floor, reading and parsing the same generated files with js-yaml alone
// (bench/floor.js) on as many threads as rml-assess parses them on; then `check DIR --format json`
// over 10,000 files written with -o, to standard output redirected to a file, and piped to cat, and
// over 100,000 files with -o; each row as seconds, peak MB and × the floor of its files.
// Summary: `summary DIR -o FILE` over the same 10,000 files in each format, and over 100,000 as json.
// Wall time of the whole command line; peak memory of the measured process itself (bench/peak-rss.cjs).
// Result files (issue 32): `summary` over 100,000 result files of `check --format json` against reading
// and JSON.parse-ing them (bench/summary-results.js). Probes (issue 33): `probe` over a committed
// 100,000-file repository against a Node process that only lists its files with git (bench/probe.js).
// Options: --rounds N (default 21), --bulk-runs N (default 3), --no-bulk, --no-10k, --no-100k, --no-results, --no-probe.
// To add rows: push a function onto `sections` below (it prints its rows and pushes onto `targets`).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { args, bin, load, median, option, peakMemory, root } from "./common.js";
import { generate } from "./generate.js";

const rounds = option("--rounds", 21);
const bulkRuns = option("--bulk-runs", 3);

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
  const peak = peakMemory(work);
  const ms = timed(["sh", "-c", line], peak.env);
  return { ms, mb: peak.mb() };
}

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

const cores = availableParallelism();
// The threads rml-assess parses a large run on by default (src/bulk/many.ts, workersFor): one worker
// per core but one, at least one, at most 8. Keep the two in step.
const toolThreads = Math.min(Math.max(cores - 1, 1), 8);
console.log(`rml-assess benchmark · node ${process.version} · ${cores} cores (${cpus()[0]?.model ?? "cpu"}) · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · load average ${load()}`);
console.log(`\nStart-up: median of ${rounds} rounds, commands alternated\n`);
const samples = new Map(commands.map(([name]) => [name, []]));
for (let i = 0; i < 2; i++) for (const [, argv, extra] of commands) timed(argv, extra); // warm the file and compile caches
for (let i = 0; i < rounds; i++) for (const [name, argv, extra] of commands) samples.get(name).push(timed(argv, extra));
const nodeFloor = median(samples.get("node -e 0"));
const ratio = {};
for (const [name] of commands) {
  const m = median(samples.get(name));
  ratio[name] = m / nodeFloor;
  console.log(`  ${name.padEnd(24)} ${m.toFixed(1).padStart(7)} ms   ${(m / nodeFloor).toFixed(2)} × node -e 0`);
}

// The targets the run is judged by, [what, met], set for Node 24 on a 2-core machine; sections add theirs.
const targets = [
  ["check on one file ≤ 2.0 × node -e 0", ratio["check (text)"] <= 2.0],
  ["report --format html ≤ 2.4 × node -e 0", ratio["report html"] <= 2.4],
  ["principles --format md ≤ 2.0 × node -e 0", ratio["principles md"] <= 2.0],
];

/** One bulk row: the median time of `runs` runs and the highest peak memory among them, printed with its ratio to `floor` (ms) if given. */
function bulk(label, count, line, runs, floor) {
  const results = Array.from({ length: runs }, () => timedWithMemory(line));
  const ms = median(results.map((r) => r.ms));
  const mb = Math.max(...results.map((r) => r.mb));
  const times = floor ? `${(ms / floor).toFixed(2).padStart(5)} × floor` : " ".repeat(13);
  console.log(`  ${count.toLocaleString("en").padStart(7)} files  ${label.padEnd(14)} ${(ms / 1000).toFixed(2).padStart(6)} s  ${mb.toFixed(0).padStart(4)} MB  ${times}   (load ${load()})`);
  return { ms, mb, ratio: floor ? ms / floor : Infinity };
}

const dir = join(work, "answers");
const out = join(work, "out.json");
/** The floor of a bulk run over the files in `dir`: read and parsed with js-yaml alone, on the tool's threads. */
const floorLine = () => `${quote(process.execPath)} ${quote(join(root, "bench", "floor.js"))} ${quote(dir)} ${toolThreads}`;
const check = `${quote(process.execPath)} ${quote(bin)} check ${quote(dir)} --format json`;
const ways = { "-o FILE": `${check} -o ${quote(out)}`, "> FILE": `${check} > ${quote(out)}`, "| cat": `${check} | cat > /dev/null` };
const summary = (format) => `${quote(process.execPath)} ${quote(bin)} summary ${quote(dir)} --format ${format} -o ${quote(out)}`;
let floor10k = 0;
/** The probe figure stated in docs/probes.md: probe over 100,000 files against the listing floor. */
const PROBE_RATIO = 10;

/** check over 10,000 files through each output, against the floor of the same files (issue 32: ≤ 2.0 × floor, < 256 MB). */
function bulkCheck10k() {
  console.log(`\nBulk: check DIR --format json against the floor (the same files read and parsed by js-yaml alone on ${toolThreads} thread${toolThreads > 1 ? "s" : ""}), median of ${bulkRuns} runs\n`);
  generate(dir, 10_000, join(root, "dist", "builtin-pack.json"));
  floor10k = bulk("floor", 10_000, floorLine(), bulkRuns).ms;
  for (const [label, line] of Object.entries(ways)) {
    const { ratio, mb } = bulk(label, 10_000, line, bulkRuns, floor10k);
    targets.push([`check, 10,000 files, ${label}: ≤ 2.0 × floor and < 256 MB`, ratio <= 2.0 && mb < 256]);
  }
  rmSync(out, { force: true });
}

/** summary over the same 10,000 files in each format (shown against the same floor; no target of issue 32). */
function bulkSummary10k() {
  console.log(`\nSummary: summary DIR --format F -o FILE, median of ${bulkRuns} runs\n`);
  for (const format of ["md", "html", "csv", "json"]) bulk(`summary ${format}`, 10_000, summary(format), bulkRuns, floor10k);
  rmSync(out, { force: true });
}

/** check and summary over 100,000 files, one run each, against their floor (issue 32: check ≤ 2.0 × floor, < 300 MB). */
function bulk100k() {
  console.log("\n100,000 files: one run each\n");
  rmSync(dir, { recursive: true, force: true });
  generate(dir, 100_000, join(root, "dist", "builtin-pack.json"));
  const floor = bulk("floor", 100_000, floorLine(), 1).ms;
  const { ratio, mb } = bulk("-o FILE", 100_000, ways["-o FILE"], 1, floor);
  targets.push(["check, 100,000 files, -o FILE: ≤ 2.0 × floor and < 300 MB", ratio <= 2.0 && mb < 300]);
  bulk("summary json", 100_000, summary("json"), 1, floor);
  rmSync(out, { force: true });
}

/** Runs a bench script of its own (it prints its rows), echoing what it prints; its standard output. */
function script(name, extra = []) {
  const r = spawnSync(process.execPath, [join(root, "bench", name), ...extra], { cwd: root, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8", maxBuffer: 1 << 24 });
  process.stdout.write(r.stdout);
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench/${name} exited ${r.status}`);
  return r;
}

/** summary over 100,000 result files against reading and JSON.parse-ing them (issue 32: ≤ 2.0 × floor). */
function resultFiles() {
  console.log("\nResult files: summary over check's JSON results\n");
  targets.push(["summary, 100,000 result files: ≤ 2.0 × floor", script("summary-results.js").status === 0]);
}

/** probe over a committed 100,000-file repository (issue 33: within the figure docs/probes.md states). */
function probes() {
  console.log("\nProbes: probe over a git repository\n");
  const line = script("probe.js", ["--rounds", String(bulkRuns)]).stdout.match(/(\d+\.\d+) × floor, peak (\d+) MB/);
  targets.push([`probe, 100,000 files: ≤ ${PROBE_RATIO} × floor (node listing the files with git) and < 256 MB`, !!line && Number(line[1]) <= PROBE_RATIO && Number(line[2]) < 256]);
}

// The sections after start-up, in order; each prints its rows and pushes its targets.
const sections = [
  ...(args.includes("--no-bulk") ? [] : [...(args.includes("--no-10k") ? [] : [bulkCheck10k, bulkSummary10k]), ...(args.includes("--no-100k") ? [] : [bulk100k])]),
  ...(args.includes("--no-results") ? [] : [resultFiles]),
  ...(args.includes("--no-probe") ? [] : [probes]),
];
for (const section of sections) section();

console.log(`\nTargets (set for Node 24 on 2 cores; this is ${process.version} on ${cores})`);
for (const [name, ok] of targets) console.log(`  ${ok ? "✔" : "✖"} ${name}`);
process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
