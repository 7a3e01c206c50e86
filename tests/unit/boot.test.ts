import { describe, expect, it } from "vitest";
import { cacheDirFor, cachedCode, cacheKey, slotFor } from "../../src/boot.js";

describe("the code cache's pieces", () => {
  it("keeps a cache per command and format, and one for everything else", () => {
    expect(slotFor(["check", "a.yaml"])).toBe("check");
    expect(slotFor(["check", "a.yaml", "--format", "json"])).toBe("check-json");
    expect(slotFor(["report", "a.yaml", "-f", "html"])).toBe("report-html");
    expect(slotFor(["report", "--format=md", "a.yaml"])).toBe("report-md");
    // Not a format name: no file name is made of it.
    expect(slotFor(["report", "a.yaml", "-f", "../../x"])).toBe("report");
    expect(slotFor(["--debug", "report", "a.yaml"])).toBe("report");
    expect(slotFor(["--help"])).toBe("cli");
    expect(slotFor(["report", "--help"])).toBe("cli");
    expect(slotFor(["check", "-h"])).toBe("cli");
    expect(slotFor(["chekc"])).toBe("cli");
    expect(slotFor([])).toBe("cli");
  });

  it("lives in the user's cache directory unless told otherwise, and can be switched off", () => {
    const home = () => "/home/ada";
    expect(cacheDirFor({}, home)).toBe("/home/ada/.cache/rml-assess");
    expect(cacheDirFor({ XDG_CACHE_HOME: "/var/cache/ada" }, home)).toBe("/var/cache/ada/rml-assess");
    // The XDG spec says a relative XDG_CACHE_HOME is to be ignored.
    expect(cacheDirFor({ XDG_CACHE_HOME: "relative/cache" }, home)).toBe("/home/ada/.cache/rml-assess");
    expect(cacheDirFor({ RML_ASSESS_CACHE_DIR: "/tmp/mine", XDG_CACHE_HOME: "/x" }, home)).toBe("/tmp/mine");
    expect(cacheDirFor({ RML_ASSESS_NO_CACHE: "1", RML_ASSESS_CACHE_DIR: "/tmp/mine" }, home)).toBeNull();
    expect(cacheDirFor({ NODE_DISABLE_COMPILE_CACHE: "1" }, home)).toBeNull();
  });

  it("is used only when its key matches this Node and this build of the bundles", () => {
    const key = cacheKey("0123456789abcdef");
    expect(key).toContain(process.version);
    expect(key).toContain(process.arch);
    expect(key).not.toBe(cacheKey("0123456789abcdee"));
    const code = Buffer.from([1, 2, 3, 4]);
    expect(cachedCode(Buffer.concat([Buffer.from(key), code]), key)).toEqual(code);
    const other = cacheKey("fedcba9876543210");
    expect(cachedCode(Buffer.concat([Buffer.from(other), code]), key)).toBeUndefined();
    // A header with nothing after it, or a file shorter than the header, holds no code.
    expect(cachedCode(Buffer.from(key), key)).toBeUndefined();
    expect(cachedCode(Buffer.from(key.slice(0, 10)), key)).toBeUndefined();
  });
});
