import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, REPO, runBinary, withTempDir, type RunResult } from "../helpers/run.js";

// A complete assessment that passes: every trait declared, so every question applies whatever the code knows of applies-to.
const EXAMPLE = join(FIXTURES, "complete-assessment", "rml-assessment.yaml");

/** The cache files a directory holds, by name, without the installation's path hash. */
const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".cache")).map((f) => f.replace(/^[0-9a-f]{8}-/, "")).sort() : []);

/** A copy of the built package (launcher, bundles, pack) in `dir`, without the caches the build shipped. */
function packageWithoutShippedCaches(dir: string): (args: string[], env?: Record<string, string>) => RunResult {
  const root = join(dir, "package");
  mkdirSync(root);
  cpSync(join(REPO, "bin"), join(root, "bin"), { recursive: true });
  cpSync(join(REPO, "dist"), join(root, "dist"), { recursive: true, filter: (src) => !src.startsWith(join(REPO, "dist", "cache")) });
  cpSync(join(REPO, "package.json"), join(root, "package.json"));
  return (args, env = {}) => {
    const r = spawnSync(process.execPath, [join(root, "bin", "rml-assess.cjs"), ...args], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
}

describe("the built binary's code cache", () => {
  it("ships in the package for common commands, so a fresh machine's first run writes nothing and prints the same", () => withTempDir((dir) => {
    const cache = join(dir, "cache");
    for (const args of [["check", EXAMPLE], ["check", EXAMPLE, "--format", "sarif"], ["report", EXAMPLE, "--format", "html"]]) {
      // One time for both runs: the report says when it was generated, and two runs can fall in different seconds.
      const at = { SOURCE_DATE_EPOCH: "1790000000" };
      const cold = runBinary(args, { env: { RML_ASSESS_NO_CACHE: "1", ...at } });
      const warm = runBinary(args, { env: { RML_ASSESS_CACHE_DIR: cache, ...at } });
      expect(warm).toEqual(cold);
      expect(cacheFiles(cache), args.join(" ")).toEqual([]);
    }
    expect(readdirSync(join(REPO, "dist", "cache"))).toContain("check-rml-assess.cache");
  }));

  it("is otherwise written by a command's first run, one per bundle it loads, and used unchanged by the next", () => withTempDir((dir) => {
    const run = packageWithoutShippedCaches(dir);
    const env = { RML_ASSESS_CACHE_DIR: join(dir, "cache") };
    const first = run(["check", EXAMPLE], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    expect(cacheFiles(join(dir, "cache"))).toEqual(["check-rml-assess.cache"]);
    const file = join(dir, "cache", readdirSync(join(dir, "cache"))[0]!);
    const written = readFileSync(file);
    expect(written.toString("latin1", 0, 40)).toContain("rml-assess code cache");
    expect(written.length).toBeGreaterThan(10_000);
    // A directory only the user can enter: the cache is code that will run as the user.
    expect(statSync(join(dir, "cache")).mode & 0o077).toBe(0);

    const second = run(["check", EXAMPLE], env);
    expect(second).toEqual(first);
    expect(readFileSync(file).equals(written)).toBe(true);

    // Another command, or another format, gets caches of its own, and leaves the first alone.
    expect(run(["report", EXAMPLE], env).code).toBe(0);
    expect(run(["check", EXAMPLE, "--format", "json"], env).code).toBe(0);
    expect(cacheFiles(join(dir, "cache"))).toEqual([
      "check-json-rml-assess.cache", "check-rml-assess.cache", "report-parts-templates.cache", "report-rml-assess.cache", "report-vendor-handlebars-runtime.cache",
    ]);
    expect(readFileSync(file).equals(written)).toBe(true);
  }));

  it("ignores and replaces a cache that is damaged or from another build, and runs the same", () => withTempDir((dir) => {
    const run = packageWithoutShippedCaches(dir);
    const cache = join(dir, "cache");
    const expected = run(["check", EXAMPLE, "--format", "json"], { RML_ASSESS_NO_CACHE: "1" });
    run(["check", EXAMPLE, "--format", "json"], { RML_ASSESS_CACHE_DIR: cache });
    const file = join(cache, readdirSync(cache)[0]!);
    const good = readFileSync(file);
    const header = good.subarray(0, good.indexOf(10) + 1);
    const damaged: Buffer[] = [
      Buffer.concat([header, Buffer.alloc(5000, 0x5a)]), // the right header, then noise
      good.subarray(0, Math.floor(good.length / 2)), // cut short
      Buffer.concat([Buffer.from("rml-assess code cache 2 0000000000000000 v0.0.0 x64\n"), good.subarray(header.length)]), // another build's
      Buffer.from("hello\n"),
      Buffer.alloc(0),
    ];
    for (const content of damaged) {
      writeFileSync(file, content);
      const r = run(["check", EXAMPLE, "--format", "json"], { RML_ASSESS_CACHE_DIR: cache });
      expect(r.code).toBe(expected.code);
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout).results).toEqual(JSON.parse(expected.stdout).results);
      // Replaced with a cache this build can use.
      expect(readFileSync(file).subarray(0, header.length).equals(header)).toBe(true);
      expect(readFileSync(file).length).toBeGreaterThan(10_000);
    }
  }));

  it("ignores a shipped cache from another build or Node, and makes the user's own", () => withTempDir((dir) => {
    const run = packageWithoutShippedCaches(dir);
    const shipped = join(dir, "package", "dist", "cache");
    mkdirSync(shipped);
    writeFileSync(join(shipped, "check-rml-assess.cache"), "rml-assess code cache 2 0000000000000000 v0.0.0 x64\nnot code");
    const r = run(["check", EXAMPLE], { RML_ASSESS_CACHE_DIR: join(dir, "cache") });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(cacheFiles(join(dir, "cache"))).toEqual(["check-rml-assess.cache"]);
  }));

  it("is made only by a run that did the command's work, not one stopped by bad input", () => withTempDir((dir) => {
    const run = packageWithoutShippedCaches(dir);
    const env = { RML_ASSESS_CACHE_DIR: join(dir, "cache") };
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "version: 1\nproject: [\n");
    expect(run(["check", bad], env).code).toBe(2);
    expect(cacheFiles(join(dir, "cache"))).toEqual([]);
    expect(run(["check", EXAMPLE], env).code).toBe(0);
    expect(cacheFiles(join(dir, "cache"))).toEqual(["check-rml-assess.cache"]);
  }));

  it("runs without one when it cannot be kept: switched off, no directory to be had, or one others can write to", () => withTempDir((dir) => {
    const run = packageWithoutShippedCaches(dir);
    const off = join(dir, "off");
    expect(run(["check", EXAMPLE], { RML_ASSESS_CACHE_DIR: off, RML_ASSESS_NO_CACHE: "1" }).code).toBe(0);
    expect(existsSync(off)).toBe(false);

    // A file where the directory should be.
    writeFileSync(join(dir, "blocked"), "not a directory");
    const blocked = run(["check", EXAMPLE], { RML_ASSESS_CACHE_DIR: join(dir, "blocked", "cache") });
    expect(blocked.code).toBe(0);
    expect(blocked.stderr).toBe("");

    // A directory anyone may write to could hold someone else's code: neither read nor written.
    const shared = join(dir, "shared");
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    const r = run(["check", EXAMPLE], { RML_ASSESS_CACHE_DIR: shared });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(cacheFiles(shared)).toEqual([]);
    rmSync(shared, { recursive: true, force: true });
  }));

  it("is not needed to answer --version, which loads no bundle", () => withTempDir((dir) => {
    const r = runBinary(["--version"], { env: { RML_ASSESS_CACHE_DIR: dir } });
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(cacheFiles(dir)).toEqual([]);
  }));
});
