import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, withTempDir } from "../helpers/run.js";

// Node 22.1+ has a compile cache; on Node 20 there is nothing to plant into.
const hasCompileCache = typeof (await import("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function";
const isRoot = process.getuid?.() === 0;

/** Runs the binary with Node's own compile-cache trace on, in an environment built from scratch. */
function run(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [BIN, "principles", "--format", "json"], {
    env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", NODE_DEBUG_NATIVE: "COMPILE_CACHE", ...env },
    encoding: "utf8",
  });
  return { code: r.status, trace: r.stderr };
}

/** A sticky, world-writable TMPDIR (like /tmp) holding a compile cache folder planted by another user (uid 65534 when the tests run as root). */
function plant(dir: string) {
  const tmp = join(dir, "tmp");
  mkdirSync(tmp);
  chmodSync(tmp, 0o1777);
  const planted = join(tmp, "node-compile-cache");
  mkdirSync(planted, { mode: 0o777 });
  writeFileSync(join(planted, "entry"), "planted");
  chmodSync(planted, 0o777);
  if (isRoot) chownSync(planted, 65534, 65534);
  return { tmp, planted };
}

describe.skipIf(!hasCompileCache)("Node's compile cache", () => {
  it("never uses a folder another user planted in a shared TMPDIR; it uses ~/.cache/rml-assess/compile, made 0700", () => withTempDir((dir) => {
    const { tmp, planted } = plant(dir);
    const home = join(dir, "home");
    mkdirSync(home, { mode: 0o700 });
    const r = run({ TMPDIR: tmp, HOME: home });
    expect(r.code).toBe(0);
    expect(r.trace).not.toContain(planted);
    expect(readdirSync(planted)).toEqual(["entry"]);
    const cache = join(home, ".cache", "rml-assess", "compile");
    expect(r.trace).toContain(`resolved path ${cache}`);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    expect(readdirSync(cache).length).toBe(1);
  }));

  it("runs without a cache when the home's cache folder is not the user's alone", () => withTempDir((dir) => {
    const { tmp, planted } = plant(dir);
    const home = join(dir, "home");
    mkdirSync(join(home, ".cache"), { recursive: true, mode: 0o700 });
    chmodSync(join(home, ".cache"), 0o777);
    const r = run({ TMPDIR: tmp, HOME: home });
    expect(r.code).toBe(0);
    expect(r.trace).not.toContain("[compile cache]");
    expect(readdirSync(planted)).toEqual(["entry"]);
    expect(readdirSync(join(home, ".cache", "rml-assess", "compile"))).toEqual([]);
  }));

  it("respects NODE_COMPILE_CACHE set by the user, and NODE_DISABLE_COMPILE_CACHE", () => withTempDir((dir) => {
    const mine = join(dir, "mine");
    const home = join(dir, "home");
    mkdirSync(home, { mode: 0o700 });
    const r = run({ HOME: home, NODE_COMPILE_CACHE: mine });
    expect(r.code).toBe(0);
    expect(readdirSync(mine).length).toBe(1);
    const off = run({ HOME: home, NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(off.trace).not.toContain("[compile cache]");
  }));
});
