import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/main.js";
import type { Io } from "../../src/io/io.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(REPO, "bin", "rml-assess.cjs");
export const EXAMPLES = join(REPO, "examples");
export const FIXTURES = join(REPO, "tests", "fixtures");
/** Node's compile cache directory the test run gave the binary (tests/helpers/global-setup.ts), for environments built from scratch. */
export const CACHE_ENV: Record<string, string> = process.env.RML_ASSESS_TEST_COMPILE_CACHE ? { NODE_COMPILE_CACHE: process.env.RML_ASSESS_TEST_COMPILE_CACHE } : {};

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (fast; for most tests). */
export async function runInProcess(args: string[], opts: { cwd?: string; env?: Record<string, string>; now?: Date } = {}): Promise<RunResult> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd ?? REPO,
    env: { NO_COLOR: "1", ...opts.env },
    now: () => opts.now ?? new Date("2026-11-20T12:00:00Z"),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs the built binary as a child process, as CI and users do. */
export function runBinary(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...CACHE_ENV, ...opts.env },
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary directory removed after the callback, for tests that write files. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T> | T): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "rml-assess-test-"));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
