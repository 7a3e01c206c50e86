import { spawn } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hasPython, throughFullNonBlockingPipe } from "../helpers/pipe.js";
import { BIN, REPO, runBinary, withTempDir } from "../helpers/run.js";

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

/** Runs the binary with its standard output a pipe already closed by the reader, as `| true` can leave it. */
function readerAlreadyGone(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("a reader that has already gone", () => {
  it("ends every command quietly, --version too, with the exit code it would have had", async () => {
    for (const [args, code] of [[["--version"], 0], [["principles"], 0], [["check", "examples/credit-scoring.yaml"], 1]] as const) {
      const r = await readerAlreadyGone([...args]);
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.code, args.join(" ")).toBe(code);
    }
  });
});

describe("a reader that stops early", () => {
  it("ends the command quietly, without EPIPE or a stack trace", async () => {
    for (const args of [["principles"], ["report", "examples/credit-scoring.yaml", "--format", "html"], ["--help"]]) {
      const r = await readerLeavesEarly(args);
      expect(r.stderr, args.join(" ")).toBe("");
      expect(r.code, args.join(" ")).toBe(0);
    }
  });
});

describe.skipIf(!hasPython && !process.env.CI)("a non-blocking pipe that is full", () => {
  it("gets the whole output, in order, once the reader reads", () => withTempDir((dir) => {
    for (let i = 0; i < 60; i++) copyFileSync(join(REPO, "examples", "clinical-triage.yaml"), join(dir, `team-${String(i).padStart(2, "0")}.yaml`));
    const expected = runBinary(["check", dir, "--format", "json"]);
    expect(expected.stdout.length).toBeGreaterThan(256 * 1024); // Several times a pipe's buffer.
    const r = throughFullNonBlockingPipe([process.execPath, BIN, "check", dir, "--format", "json"], { cwd: REPO, env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(expected.code);
    expect(r.stdout).toBe(expected.stdout);
  }));
});
