import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withTempDir } from "../helpers/run.js";

const { isPrivateDirectory, privateCacheDirectory } = createRequire(import.meta.url)("../../bin/compile-cache.cjs") as {
  isPrivateDirectory: (dir: string, uid: number) => boolean;
  privateCacheDirectory: (env: Record<string, string>, home: string | undefined, uid: number | undefined) => string | undefined;
};
const uid = process.getuid?.() ?? 0;

describe("the compile cache directory (bin/compile-cache.cjs)", () => {
  it("is created 0700 under ~/.cache/rml-assess/compile, or under an absolute XDG_CACHE_HOME", () => withTempDir((dir) => {
    chmodSync(dir, 0o700);
    const home = join(dir, "home");
    mkdirSync(home, { mode: 0o755 });
    const cache = privateCacheDirectory({}, home, uid);
    expect(cache).toBe(join(home, ".cache", "rml-assess", "compile"));
    expect(statSync(cache!).mode & 0o777).toBe(0o700);
    expect(privateCacheDirectory({ XDG_CACHE_HOME: join(dir, "xdg") }, home, uid)).toBe(join(dir, "xdg", "rml-assess", "compile"));
    // A relative XDG_CACHE_HOME is ignored, as the XDG spec says; no home and no XDG: no cache.
    expect(privateCacheDirectory({ XDG_CACHE_HOME: "relative" }, home, uid)).toBe(cache);
    expect(privateCacheDirectory({}, undefined, uid)).toBeUndefined();
  }));

  it("is refused when it belongs to another user or others can write it", () => withTempDir((dir) => {
    chmodSync(dir, 0o700);
    const cache = join(dir, "cache");
    mkdirSync(cache, { mode: 0o700 });
    expect(isPrivateDirectory(cache, uid)).toBe(true);
    expect(isPrivateDirectory(cache, uid + 4242)).toBe(false);
    chmodSync(cache, 0o720);
    expect(isPrivateDirectory(cache, uid)).toBe(false);
    chmodSync(cache, 0o702);
    expect(isPrivateDirectory(cache, uid)).toBe(false);
  }));

  it("is refused when a directory above it can be changed by others, unless root's and sticky", () => withTempDir((dir) => {
    const above = join(dir, "above");
    const cache = join(above, "cache");
    mkdirSync(cache, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    chmodSync(above, 0o777);
    expect(isPrivateDirectory(cache, uid)).toBe(false);
    chmodSync(above, 0o1777);
    // Sticky like /tmp: safe only when root owns it (nobody else can rename what we made there).
    expect(isPrivateDirectory(cache, uid)).toBe(uid === 0);
    chmodSync(above, 0o755);
    expect(isPrivateDirectory(cache, uid)).toBe(true);
    // A file where a directory should be is no cache.
    writeFileSync(join(dir, "file"), "");
    expect(privateCacheDirectory({ XDG_CACHE_HOME: join(dir, "file") }, undefined, uid)).toBeUndefined();
  }));
});
