import { spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, CACHE_ENV, EXAMPLES, FIXTURES, REPO } from "../helpers/run.js";

const PROBE = join(FIXTURES, "module-probe", "report-builtins.cjs");
const VENDOR_PROBE = join(FIXTURES, "module-probe", "vendor-files.cjs");

/** What a probe preloaded into a run of the built CLI reports at exit (its last line of stderr). */
function probed<T>(probe: string, args: string[], env: Record<string, string> = { NO_COLOR: "1" }, stdout: "pipe" | number = "pipe"): T {
  const r = spawnSync(process.execPath, ["-r", probe, BIN, ...args], { cwd: REPO, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...env, ...CACHE_ENV }, stdio: ["ignore", stdout, "pipe"] });
  expect([0, 1]).toContain(r.status);
  return JSON.parse(r.stderr.trim().split("\n").at(-1)!) as T;
}

/** The watched built-in modules (crypto, child_process, worker_threads, tty) a run of the built CLI loaded. */
const loadedBy = (args: string[], stdout?: number) => probed<{ loaded: string[] }>(PROBE, args, undefined, stdout).loaded;

// Each of these modules costs a one-file run several milliseconds of start-up (crypto about 17 ms
// on Node 24), so a command loads one only when its work needs it.
describe("built-in modules a one-file run loads", () => {
  const example = join(EXAMPLES, "clinical-triage.yaml");

  it("check loads none of crypto, child_process or worker_threads, in any format", () => {
    for (const format of ["text", "json", "github", "junit", "sarif", "gitlab"]) {
      expect(loadedBy(["check", example, "--format", format]), format).toEqual([]);
    }
  });

  it("output sent to the null device is known not to be a terminal without loading tty", () => {
    if (process.platform === "win32") return;
    const devNull = openSync("/dev/null", "w");
    try {
      // Colour is decided by asking whether standard output is a terminal: /dev/null is a character device, as a terminal is.
      expect(loadedBy(["check", example], devNull)).toEqual([]);
      expect(loadedBy(["principles", "--format", "md"], devNull)).toEqual([]);
    } finally {
      closeSync(devNull);
    }
  });

  it("a gitlab report with findings loads crypto for its fingerprints, and report for the answers fingerprint (and git for provenance)", () => {
    expect(loadedBy(["check", join(EXAMPLES, "credit-scoring.yaml"), "--format", "gitlab"])).toEqual(["crypto"]);
    // The example names its repository and lies in a git work tree: git is asked for the commit it was read at.
    expect(loadedBy(["report", example])).toEqual(["crypto", "child_process"]);
  });

  it("chalk is loaded only when there is colour to print", () => {
    const vendored = (args: string[], env?: Record<string, string>) => probed<{ vendored: string[] }>(VENDOR_PROBE, args, env).vendored;
    expect(vendored(["check", example])).not.toContain("chalk.cjs");
    expect(vendored(["check", example], {})).not.toContain("chalk.cjs"); // standard output is a pipe here
    expect(vendored(["check", example], { FORCE_COLOR: "1" })).toContain("chalk.cjs");
  });
});
