import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, runBinary } from "../helpers/run.js";

/** The built binary with standard output failing (tests/fixtures/failing-stdout): an unexpected error. */
const failingStdout = (args: string[], env: Record<string, string> = {}) =>
  runBinary(args, { env: { NODE_OPTIONS: `--require ${JSON.stringify(join(FIXTURES, "failing-stdout", "fail-stdout.cjs"))}`, ...env } });

describe("an unexpected error in the built binary", () => {
  it("with --debug or DEBUG, shows a stack trace that names the src/ files, through the bundles' source maps", () => {
    for (const r of [failingStdout(["principles", "--debug"]), failingStdout(["principles"], { DEBUG: "1" })]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^rml-assess: unexpected error: EIO/);
      expect(r.stderr).toMatch(/\n\s+at .*src\/io\/io\.ts:\d+:\d+/);
      expect(r.stderr).toMatch(/\n\s+at .*src\/commands\/principles\.ts:\d+:\d+/);
      expect(r.stderr).not.toMatch(/dist\/rml-assess\.cjs/);
    }
  });

  it("without them, shows no stack at all", () => {
    const r = failingStdout(["principles"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).toContain("add --debug for details");
  });
});
