import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { mutate, mutation } from "../helpers/mutations.js";
import { EXAMPLES, FIXTURES, runBinary, runInProcess, withTempDir, type RunResult } from "../helpers/run.js";

/** Valid answers files to break: a half-done one, a complete one, and one with a BOM and CRLF. */
const SOURCES = [
  join(EXAMPLES, "credit-scoring.yaml"),
  join(EXAMPLES, "clinical-triage.yaml"),
  join(FIXTURES, "bad-input", "bom-and-crlf.yaml"),
].map((f) => new Uint8Array(readFileSync(f)));

const broken = fc.record({ source: fc.nat({ max: SOURCES.length - 1 }), mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }) })
  .map(({ source, mutations }) => mutations.reduce(mutate, SOURCES[source]!));

const PACK_FILES = readdirSync(BUILTIN_PACK_DIR).filter((f) => f.endsWith(".yaml")).sort();

/** Whatever the bytes, the outcome is a verdict or a located refusal, never a crash. */
function expectHandled(r: RunResult, file = /^answers\.yaml:\d+:\d+: \S/): void {
  expect([0, 1, 2], r.stderr).toContain(r.code);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  if (r.code !== 2) {
    expect(r.stdout).not.toBe("");
    return;
  }
  expect(r.stdout).toBe("");
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines.at(-1)).toMatch(/^✖ \d+ problems? in the input; nothing was written\.$/);
  for (const line of lines.slice(0, -1)) expect(line).toMatch(file);
}

describe("randomly broken answers files", () => {
  it("give exit 0, 1 or 2 with located messages, never a crash (in-process)", () => withTempDir(async (dir) => {
    const file = join(dir, "answers.yaml");
    await fc.assert(fc.asyncProperty(broken, async (bytes) => {
      writeFileSync(file, bytes);
      expectHandled(await runInProcess(["check", "answers.yaml"], { cwd: dir }));
    }), { numRuns: 200 });
  }));

  it("give exit 0, 1 or 2 with located messages, never a crash (built binary)", () => withTempDir((dir) => {
    const file = join(dir, "answers.yaml");
    fc.assert(fc.property(broken, (bytes) => {
      writeFileSync(file, bytes);
      expectHandled(runBinary(["check", "answers.yaml"], { cwd: dir }));
    }), { numRuns: 12 });
  }));

  it("in a custom pack give exit 0 or 2 with located messages, never a crash (in-process)", () => withTempDir(async (dir) => {
    const pack = join(dir, "pack");
    cpSync(BUILTIN_PACK_DIR, pack, { recursive: true });
    const packFile = fc.nat({ max: PACK_FILES.length - 1 }).map((i) => PACK_FILES[i]!);
    await fc.assert(fc.asyncProperty(packFile, fc.array(mutation, { minLength: 1, maxLength: 5 }), async (name, mutations) => {
      const original = readFileSync(join(BUILTIN_PACK_DIR, name));
      writeFileSync(join(pack, name), mutations.reduce(mutate, new Uint8Array(original)));
      try {
        const r = await runInProcess(["principles", "--pack", "pack"], { cwd: dir });
        expect([0, 2]).toContain(r.code);
        expectHandled(r, /^pack\/[a-z0-9-]+\.yaml:\d+:\d+: \S/);
      } finally {
        writeFileSync(join(pack, name), original);
      }
    }), { numRuns: 100 });
  }));
});
