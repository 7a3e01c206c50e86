// Repository probes over a large repository: `node bench/probe.js` (after `npm run build`).
// Generates a git repository of 100,000 files in a temporary directory (source, notebooks,
// configuration and documents in 1,000 folders, committed), then times `rml-assess probe` over it:
// wall seconds and peak memory of rml-assess (bench/peak-rss.cjs), the median of --rounds runs,
// against the floor of a Node process that only asks git for the same list of files
// (`git ls-files -co --exclude-standard -z`, split into paths), which every probe run starts with.
// Options: --files N (default 100000), --rounds N (default 3), --keep (leave the repository).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { args, bin, option, peakMemory } from "./common.js";
const FILES = option("--files", 100_000);
const ROUNDS = option("--rounds", 3);

/** What a generated file holds, by its kind: most are small source files, some are probe candidates. */
const KINDS = [
  ["py", (i) => `import numpy as np\n\n\ndef f${i}(x):\n    return np.asarray(x) * ${i}\n`],
  ["py", (i) => `# training step ${i}\nimport random\nrandom.seed(${i})\n`],
  ["md", (i) => `# Note ${i}\n\nNothing to see.\n`],
  ["yaml", (i) => `name: job-${i}\nsteps: [build, test]\n`],
  ["ipynb", (i) => JSON.stringify({ cells: [{ cell_type: "code", source: [`print(${i})`] }] })],
  ["json", (i) => JSON.stringify({ id: i })],
  ["txt", (i) => `line ${i}\n`],
  ["ts", (i) => `export const n${i} = ${i};\n`],
];

function gitEnv(dir) {
  return {
    PATH: process.env.PATH ?? "", HOME: dir, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Bench", GIT_AUTHOR_EMAIL: "bench@example.org", GIT_COMMITTER_NAME: "Bench", GIT_COMMITTER_EMAIL: "bench@example.org",
  };
}

/** A committed repository of `count` files with an answers file and a few files the probes find. */
function generateRepository(dir, count) {
  const special = {
    "rml-assessment.yaml": "version: 1\nproject:\n  name: Bench\nanswers:\n  reproducible-operations:\n    staged-release: yes\n",
    "docs/model_card.md": "# Model card\n", "poetry.lock": "# lock\n", ".github/workflows/ci.yml": "on: push\n",
    "requirements.txt": "fairlearn==0.10\nevidently==0.4\n",
  };
  let written = 0;
  for (const [path, text] of Object.entries(special)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
    written++;
  }
  const perFolder = 100;
  for (let folder = 0; written < count; folder++) {
    const sub = join(dir, `pkg${Math.floor(folder / 10)}`, `mod${folder}`);
    mkdirSync(sub, { recursive: true });
    for (let i = 0; i < perFolder && written < count; i++, written++) {
      const [ext, text] = KINDS[(folder + i) % KINDS.length];
      writeFileSync(join(sub, `file_${i}.${ext}`), text(written));
    }
  }
  const env = gitEnv(dir);
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir, env });
  execFileSync("git", ["add", "-A"], { cwd: dir, env, maxBuffer: 1 << 28 });
  execFileSync("git", ["commit", "-q", "-m", "bench"], { cwd: dir, env, maxBuffer: 1 << 28 });
}

/** One run of `probe`: wall seconds and rml-assess's peak memory (MB). */
function run(dir, work) {
  const peak = peakMemory(work);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, "probe", "rml-assessment.yaml", "-f", "json"], {
    cwd: dir, stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 28,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...peak.env },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`probe exited ${r.status}: ${r.stderr}`);
  const out = JSON.parse(r.stdout.toString("utf8"));
  if (out.files !== FILES || !out.complete) throw new Error(`probe listed ${out.files} files (complete: ${out.complete}), expected ${FILES}`);
  return { seconds, mb: peak.mb() };
}

/** The floor: a Node process that asks git for the repository's files and splits the list; wall seconds. */
const LIST = `const n = require("node:child_process").execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { maxBuffer: 1 << 28 }).toString("utf8").split("\\0").length; if (n < 2) process.exitCode = 1;`;
function listing(dir) {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, ["-e", LIST], { cwd: dir, env: gitEnv(dir), stdio: ["ignore", "ignore", "inherit"] });
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const work = mkdtempSync(join(tmpdir(), "rml-assess-probe-bench-"));
const repo = join(work, "repo");
mkdirSync(repo);
try {
  const made = process.hrtime.bigint();
  generateRepository(repo, FILES);
  console.log(`generated and committed ${FILES} files in ${(Number(process.hrtime.bigint() - made) / 1e9).toFixed(1)} s (${repo})`);
  listing(repo);
  run(repo, work); // untimed: the files just written are read once before anything is timed
  const floors = [];
  const runs = [];
  for (let i = 0; i < ROUNDS; i++) {
    floors.push(listing(repo));
    runs.push(run(repo, work));
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  floors.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)];
  const floor = floors[Math.floor(floors.length / 2)];
  const peak = Math.max(...runs.map((r) => r.mb));
  console.log(`  floor, node listing the files with git ls-files: median ${floor.toFixed(2)} s of ${ROUNDS} runs`);
  console.log(`  probe over ${FILES.toLocaleString("en")} files: median ${median.seconds.toFixed(2)} s wall of ${ROUNDS} runs (${runs.map((r) => r.seconds.toFixed(2)).join(", ")}), ${(median.seconds / floor).toFixed(2)} × floor, peak ${peak.toFixed(0)} MB`);
} finally {
  if (!args.includes("--keep")) rmSync(work, { recursive: true, force: true });
}
