import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, runBinary, withTempDir } from "../helpers/run.js";

const EXAMPLE = join(EXAMPLES, "clinical-triage.yaml");

/** The cache files a directory holds, by name. */
const cacheFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith(".cache")).sort();

describe("the built binary's code cache", () => {
  it("is written by a command's first run and used, unchanged, by the next; the output is the same", () => withTempDir((dir) => {
    const env = { RML_ASSESS_CACHE_DIR: join(dir, "cache") };
    const first = runBinary(["check", EXAMPLE], { env });
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    const files = cacheFiles(join(dir, "cache"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{8}-check-rml-assess\.cache$/);
    const file = join(dir, "cache", files[0]!);
    const written = readFileSync(file);
    expect(written.toString("latin1", 0, 40)).toContain("rml-assess code cache");
    expect(written.length).toBeGreaterThan(10_000);
    // Directory only the user can enter: the cache is code that will run as the user.
    expect(statSync(join(dir, "cache")).mode & 0o077).toBe(0);

    const second = runBinary(["check", EXAMPLE], { env });
    expect(second).toEqual(first);
    expect(readFileSync(file).equals(written)).toBe(true);

    // Another command, or another format, gets caches of its own (one per bundle it loads), and
    // leaves the first alone.
    expect(runBinary(["report", EXAMPLE], { env }).code).toBe(0);
    expect(runBinary(["check", EXAMPLE, "--format", "json"], { env }).code).toBe(0);
    expect(cacheFiles(join(dir, "cache")).map((f) => f.replace(/^[0-9a-f]{8}-/, ""))).toEqual([
      "check-json-rml-assess.cache", "check-rml-assess.cache", "report-parts-templates.cache", "report-rml-assess.cache", "report-vendor-handlebars-runtime.cache",
    ]);
    expect(readFileSync(file).equals(written)).toBe(true);
  }));

  it("ignores and replaces a cache that is damaged or from another build, and runs the same", () => withTempDir((dir) => {
    const env = { RML_ASSESS_CACHE_DIR: dir };
    const expected = runBinary(["check", EXAMPLE, "--format", "json"], { env: { RML_ASSESS_NO_CACHE: "1" } });
    runBinary(["check", EXAMPLE, "--format", "json"], { env });
    const file = join(dir, cacheFiles(dir)[0]!);
    const good = readFileSync(file);
    const header = good.subarray(0, good.indexOf(10) + 1);
    const damaged: [string, Buffer][] = [
      ["the right header, then noise", Buffer.concat([header, Buffer.alloc(5000, 0x5a)])],
      ["the right header, the code cut short", good.subarray(0, Math.floor(good.length / 2))],
      ["another build's header", Buffer.concat([Buffer.from("rml-assess code cache 1 v0.0.0 x64 1 1 1\n"), good.subarray(header.length)])],
      ["not a cache at all", Buffer.from("hello\n")],
      ["empty", Buffer.alloc(0)],
    ];
    for (const [, content] of damaged) {
      writeFileSync(file, content);
      const run = runBinary(["check", EXAMPLE, "--format", "json"], { env });
      expect(run.code).toBe(expected.code);
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout).results).toEqual(JSON.parse(expected.stdout).results);
      // Replaced with a cache this build can use.
      expect(readFileSync(file).subarray(0, header.length).equals(header)).toBe(true);
      expect(readFileSync(file).length).toBeGreaterThan(10_000);
    }
  }));

  it("runs without one when it cannot be kept: switched off, no directory to be had, or one others can write to", () => withTempDir((dir) => {
    const off = join(dir, "off");
    expect(runBinary(["check", EXAMPLE], { env: { RML_ASSESS_CACHE_DIR: off, RML_ASSESS_NO_CACHE: "1" } }).code).toBe(0);
    expect(() => readdirSync(off)).toThrow();

    // A file where the directory should be.
    writeFileSync(join(dir, "blocked"), "not a directory");
    const blocked = runBinary(["check", EXAMPLE], { env: { RML_ASSESS_CACHE_DIR: join(dir, "blocked", "cache") } });
    expect(blocked.code).toBe(0);
    expect(blocked.stderr).toBe("");

    // A directory anyone may write to could hold someone else's code: neither read nor written.
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const r = runBinary(["check", EXAMPLE], { env: { RML_ASSESS_CACHE_DIR: shared } });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(cacheFiles(shared)).toEqual([]);
  }));

  it("is made only by a run that did the command's work, not one stopped by bad input", () => withTempDir((dir) => {
    const env = { RML_ASSESS_CACHE_DIR: dir };
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "version: 1\nproject: [\n");
    expect(runBinary(["check", bad], { env }).code).toBe(2);
    expect(cacheFiles(dir)).toEqual([]);
    expect(runBinary(["check", EXAMPLE], { env }).code).toBe(0);
    expect(cacheFiles(dir).map((f) => f.replace(/^[0-9a-f]{8}-/, ""))).toEqual(["check-rml-assess.cache"]);
  }));

  it("is not needed to answer --version, which loads no bundle", () => withTempDir((dir) => {
    const r = runBinary(["--version"], { env: { RML_ASSESS_CACHE_DIR: dir } });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(cacheFiles(dir)).toEqual([]);
  }));
});
