import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generate } from "../../bench/generate.js";
import type { Pack } from "../../src/core/types.js";
import { BATCH, loadAll, PARALLEL_FROM, workersFor, type Loaded } from "../../src/bulk/many.js";
import { REPO, withTempDir } from "../helpers/run.js";

// The workers run the built bundle (dist/answers-worker.cjs), as `npm test` builds it first.
const pack = JSON.parse(readFileSync(join(REPO, "dist", "builtin-pack.json"), "utf8")) as Pack;

async function all(loaded: AsyncGenerator<Loaded>): Promise<Loaded[]> {
  const out: Loaded[] = [];
  for await (const one of loaded) out.push(one);
  return out;
}

describe("answers files parsed on worker threads", () => {
  it("are parsed again by a worker without a heap limit when a worker runs out of its own, and come back whole and in order", () => withTempDir(async (dir) => {
    generate(join(dir, "answers"), 60, join(REPO, "dist", "builtin-pack.json"));
    const files = readdirSync(join(dir, "answers")).sort().map((f) => join(dir, "answers", f));
    const alone = await all(loadAll(files, pack, dir, 0));
    // An old generation of 4 MB is too small for a worker to parse these files (and 1 MB too small
    // for Node 24 even to start one, which ends the process): the workers run out of it, and the
    // run must still finish with the same results.
    const starved = await all(loadAll(files, pack, dir, 2, undefined, 4));
    expect(starved.map((l) => l.file)).toEqual(files);
    expect(starved).toEqual(alone);
  }), 60_000);
});

describe("the number of worker threads", () => {
  it("is none for small runs, one under 3 cores, one per core but one above (at most 8), and --jobs overrides it", () => {
    const many = PARALLEL_FROM;
    expect([1, 2, 3, 4, 16].map((cores) => workersFor(many, undefined, cores))).toEqual([1, 1, 2, 3, 8]);
    expect(workersFor(many - 1, undefined, 16)).toBe(0);
    expect([1, 2, 5, 64].map((jobs) => workersFor(many, jobs, 2))).toEqual([0, 2, 5, 8]);
    // --jobs applies to a run of any size, with no more workers than there are batches to send.
    expect(workersFor(many - 1, 4, 16)).toBe(4);
    expect([1, BATCH, BATCH + 1, 3 * BATCH].map((count) => workersFor(count, 4, 2))).toEqual([1, 1, 2, 3]);
    expect(workersFor(0, 4, 2)).toBe(0);
    expect(workersFor(3 * BATCH, 1, 16)).toBe(0);
  });
});
