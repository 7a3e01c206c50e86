import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generate } from "../../bench/generate.js";
import { PARALLEL_FROM } from "../../src/bulk/many.js";
import { SPOOL_IN_MEMORY } from "../../src/io/spool.js";
import { hasPython, throughFullNonBlockingPipe } from "../helpers/pipe.js";
import { BIN, CACHE_ENV, REPO, withTempDir } from "../helpers/run.js";

/**
 * Files enough to be parsed on worker threads, each with a long project description, which the JSON
 * document repeats: a document of tens of megabytes from a tenth of the files the same size would
 * otherwise take (parsing and scoring is what costs, and the description costs neither); since the
 * JSON result became compact the description is 200 kB, so the document (about 56 MB) stays well
 * above the noise of a run's peak memory on a loaded machine. What is
 * measured is unchanged: the document is streamed part by part, and each part (a file's result, here
 * about 200 kB) is small beside the whole, so a design that held the document would still show it.
 */
const COUNT = PARALLEL_FROM + 40;
const DESCRIPTION = 200_000;

/** Generates `count` answers files in `dir`, each with a description of `length` characters. */
function answers(dir: string, count: number, length: number): void {
  generate(dir, count, join(REPO, "dist", "builtin-pack.json"));
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    const words = `${name} is described at length. `.repeat(Math.ceil(length / (name.length + 25))).slice(0, length);
    writeFileSync(file, readFileSync(file, "utf8").replace("description: A generated system for the benchmark.", `description: "${words}"`));
  }
}
const PEAK_RSS = join(REPO, "bench", "peak-rss.cjs");

type Stdout = "file" | "pipe" | "full non-blocking pipe";

/**
 * Runs `check DIR --format json` with standard output sent one way, and returns the child's peak
 * resident memory (all threads, from bench/peak-rss.cjs) with what it printed.
 */
function checkTo(dir: string, stdout: Stdout | { output: string }, answers = join(dir, "answers")) {
  const rssFile = join(dir, "peak-rss");
  const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1", TMPDIR: join(dir, "tmp"), NODE_OPTIONS: `--require ${JSON.stringify(PEAK_RSS)}`, RML_ASSESS_TEST_PEAK_RSS: rssFile, ...CACHE_ENV };
  const argv = [process.execPath, BIN, "check", answers, "--format", "json", ...(typeof stdout === "object" ? ["-o", stdout.output] : [])];
  let r: { code: number | null; stdout: string; stderr: string };
  if (stdout === "full non-blocking pipe") {
    r = throughFullNonBlockingPipe(argv, { cwd: REPO, env });
  } else if (stdout === "file") {
    const fd = openSync(join(dir, "redirected.json"), "w");
    try {
      const s = spawnSync(argv[0]!, argv.slice(1), { cwd: REPO, env, stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
      r = { code: s.status, stdout: readFileSync(join(dir, "redirected.json"), "utf8"), stderr: s.stderr };
    } finally {
      closeSync(fd);
    }
  } else {
    const s = spawnSync(argv[0]!, argv.slice(1), { cwd: REPO, env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    r = { code: s.status, stdout: typeof stdout === "object" ? "" : s.stdout, stderr: s.stderr };
  }
  // The spool's temporary file, if any, is gone once the run is over.
  expect(readdirSync(join(dir, "tmp"))).toEqual([]);
  return { ...r, peakKb: Number(readFileSync(rssFile, "utf8")) };
}

describe("standard output of a large check", () => {
  it("takes no more memory than -o, to a file, a pipe or a full non-blocking pipe", () => withTempDir((dir) => {
    answers(join(dir, "answers"), COUNT, DESCRIPTION);
    mkdirSync(join(dir, "tmp"));
    const output = join(dir, "out.json");
    const toFile = checkTo(dir, { output });
    expect(toFile.code, toFile.stderr).toBe(1);
    const document = readFileSync(output, "utf8");
    // Holding the document takes at least its size (the old design took four times that).
    const size = statSync(output).size;
    expect(size).toBeGreaterThan(20 * 1024 * 1024);
    const ways: Stdout[] = ["file", "pipe", ...(hasPython || process.env.CI ? ["full non-blocking pipe" as const] : [])];
    for (const way of ways) {
      const r = checkTo(dir, way);
      expect(r.stderr, way).toBe("");
      expect(r.code, way).toBe(1);
      expect(r.stdout === document, `${way}: the same document as -o wrote`).toBe(true);
      expect(r.peakKb * 1024, `${way}: peak memory against -o's ${toFile.peakKb} kB, for a document of ${size} bytes`).toBeLessThan(toFile.peakKb * 1024 + size * 0.75);
    }
  }), 300_000);

  it("prints nothing, and leaves no temporary file, when the last file is invalid", () => withTempDir((dir) => {
    // Files enough for worker threads: a document of megabytes, more than the spool holds in memory.
    generate(join(dir, "answers"), PARALLEL_FROM, join(REPO, "dist", "builtin-pack.json"));
    mkdirSync(join(dir, "tmp"));
    const valid = checkTo(dir, "pipe");
    expect(valid.stdout.length).toBeGreaterThan(SPOOL_IN_MEMORY * 2);
    const lastName = `model-${String(PARALLEL_FROM).padStart(5, "0")}.yaml`;
    const last = join(dir, "answers", lastName);
    writeFileSync(last, readFileSync(last, "utf8").replace(/answer: yes/, "answer: maybe"));
    const r = checkTo(dir, "pipe");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${lastName.replace(".", "\\.")}:\\d+:\\d+: .*found 'maybe'`));
    expect(r.stdout).toBe("");
  }), 120_000);
});
