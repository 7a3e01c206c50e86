// The floor of a bulk run (issue 32): read every .yaml file of a directory and parse it with js-yaml's
// core schema (as src/load/answers-fast.ts does), on THREADS threads, and nothing else: no scoring,
// no rendering, no output. `node bench/floor.js DIR THREADS`; THREADS 1 parses on the main thread,
// more split the files into contiguous shares, one worker thread each (the main thread waits).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { CORE_SCHEMA, load } from "js-yaml";

/** Reads and parses each file; returns how many parsed to a mapping, so that the work cannot be skipped. */
function parseAll(files) {
  let mappings = 0;
  for (const file of files) {
    const data = load(readFileSync(file, "utf8"), { schema: CORE_SCHEMA, json: false });
    if (data !== null && typeof data === "object") mappings++;
  }
  return mappings;
}

if (isMainThread) {
  const [dir, threadsArg = "1"] = process.argv.slice(2);
  if (!dir) throw new Error("usage: node bench/floor.js DIR [THREADS]");
  const threads = Math.max(1, Number(threadsArg));
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/i.test(name)).sort().map((name) => join(dir, name));
  let parsed = 0;
  if (threads === 1) parsed = parseAll(files);
  else {
    const share = Math.ceil(files.length / threads);
    const counts = await Promise.all(Array.from({ length: threads }, (_, i) => new Promise((done, fail) => {
      const worker = new Worker(fileURLToPath(import.meta.url), { workerData: files.slice(i * share, (i + 1) * share) });
      worker.once("message", done);
      worker.once("error", fail);
    })));
    parsed = counts.reduce((a, b) => a + b, 0);
  }
  if (parsed !== files.length) throw new Error(`${files.length - parsed} of ${files.length} files did not parse to a mapping`);
} else {
  parentPort.postMessage(parseAll(workerData));
}
