import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN, REPO } from "../helpers/run.js";

/** Runs the binary and closes its standard output after the first chunk, as `| head -1` does. */
function readerLeavesEarly(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a reader that stops early", () => {
  it("ends the command quietly, without EPIPE or a stack trace", async () => {
    for (const args of [["principles"], ["report", "examples/credit-scoring.yaml", "--format", "html"], ["--help"]]) {
      const r = await readerLeavesEarly(args);
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.code, args.join(" ")).toBe(0);
    }
  });
});
