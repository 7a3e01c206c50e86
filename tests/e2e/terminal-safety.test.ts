import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { FIXTURES, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

/** Any terminal control character other than the newline. */
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const FORGE = "\\e[2K\\r\\e[1A\\e[32m✔ passed (0 errors, 0 warnings)\\e]0;owned\\a";

describe("user text cannot act on the terminal", () => {
  it("check's text output strips escapes from project names, notes and file names", () => withTempDir(async (dir) => {
    const name = `forged\x1b[2K.yaml`;
    writeFileSync(join(dir, name), [
      "version: 1", "project:", `  name: "Fraud ${FORGE}"`, "answers:", "  human-augmentation:",
      `    impact-of-errors: {answer: n/a, notes: "${FORGE}"}`, "",
    ].join("\n"));
    const r = await runInProcess(["check", name], { cwd: dir, env: { FORCE_COLOR: "0" } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).toMatch(/^forged\.yaml: Fraud  ✔ passed \(0 errors, 0 warnings\) \(responsible-ml/m);
    // The only "passed"/"failed" verdict at the start of a line is the tool's own.
    expect(r.stdout.split("\n").filter((l) => /^[✔✖]/.test(l))).toEqual([expect.stringMatching(/^✖ failed \(\d+ errors, 0 warnings\)$/)]);
    const json = JSON.parse((await runInProcess(["check", name, "--format", "json"], { cwd: dir })).stdout);
    expect(json.results[0].project.name).toBe("Fraud \x1b[2K\r\x1b[1A\x1b[32m✔ passed (0 errors, 0 warnings)\x1b]0;owned\x07");
  }));

  it("diagnostics quote user text with visible escapes, through the built binary", () => withTempDir((dir) => {
    writeFileSync(join(dir, "a.yaml"), `version: 1\nproject: {name: x}\npack: "${FORGE}"\nanswers:\n  "${FORGE}": {}\n`);
    const r = runBinary(["check", "a.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toContain("a.yaml:3:7: answers are for pack '\\u001b[2K\\u000d\\u001b[1A\\u001b[32m✔ passed");
    expect(r.stderr).toContain("a.yaml:5:3: unknown principle '\\u001b[2K");
  }));

  it("usage errors and commander's messages are cleaned too", async () => {
    const option = await runInProcess(["check", "--\x1b[2K\r✔ passed"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '-- ✔ passed'");
    expect(option.stderr).not.toMatch(CONTROL);
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "a\x1b[31m.yaml"), "# mine\n");
      const exists = await runInProcess(["init", "a\x1b[31m.yaml"], { cwd: dir });
      expect(exists.code).toBe(2);
      expect(exists.stderr).toMatch(/^error: a\.yaml already exists/);
      expect(exists.stderr).not.toMatch(CONTROL);
    });
  });

  it("a custom pack's band labels cannot act on the terminal either", () => withTempDir(async (dir) => {
    cpSync(BUILTIN_PACK_DIR, join(dir, "pack"), { recursive: true });
    const manifest = join(dir, "pack", "pack.yaml");
    writeFileSync(manifest, readFileSync(manifest, "utf8").replace(/label: (Initial|Established) }/g, `label: "$1${FORGE}" }`));
    const r = await runInProcess(["check", join(FIXTURES, "partial-assessment", "rml-assessment.yaml"), "--pack", "pack"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Overall 65\/100 Established ✔ passed/);
    expect(r.stdout).not.toMatch(CONTROL);
  }));
});
