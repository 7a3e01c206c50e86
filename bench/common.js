// What the bench scripts share: where the repository and the built binary are, their command-line
// options, a median, the load average, and the peak memory rml-assess reports (bench/peak-rss.cjs).
import { readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../", import.meta.url));
export const bin = join(root, "bin", "rml-assess.cjs");
export const args = process.argv.slice(2);

/** The number given after `name` on the command line, else `fallback`. */
export function option(name, fallback) {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The machine's load averages (1, 5 and 15 minutes), for beside a figure. */
export const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");

/**
 * The environment under which rml-assess writes its peak resident memory (all threads) into a file
 * in `dir` at exit, and a reader of that peak in MB; the file of an earlier run is removed first.
 */
export function peakMemory(dir) {
  const file = join(dir, "peak-rss");
  rmSync(file, { force: true });
  return {
    env: { NODE_OPTIONS: `--require ${JSON.stringify(join(root, "bench", "peak-rss.cjs"))}`, RML_ASSESS_TEST_PEAK_RSS: file },
    mb: () => Number(readFileSync(file, "utf8")) / 1024,
  };
}
