import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandName } from "../../src/io/invocation.js";
import { BIN, CACHE_ENV, withTempDir } from "../helpers/run.js";

/** Runs the built binary through a launcher at `launcher` (a symlink to it), as npm installs it. */
function runVia(launcher: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [launcher, ...args], { cwd, env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1", ...CACHE_ENV, ...env }, encoding: "utf8", timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("hints in the user's words", () => {
  it("names 'npx rml-assess' from a project's node_modules/.bin or under npm, 'rml-assess' otherwise", () => {
    expect(commandName({ env: {}, launcher: "/home/a/proj/node_modules/.bin/rml-assess" })).toBe("npx rml-assess");
    expect(commandName({ env: {}, launcher: "/home/a/proj/node_modules/rml-assess/bin/rml-assess.cjs" })).toBe("npx rml-assess");
    expect(commandName({ env: { npm_lifecycle_event: "assess" }, launcher: "/usr/local/bin/rml-assess" })).toBe("npx rml-assess");
    expect(commandName({ env: { npm_command: "exec" } })).toBe("npx rml-assess");
    expect(commandName({ env: {}, launcher: "/usr/local/bin/rml-assess" })).toBe("rml-assess");
    expect(commandName({ env: {}, launcher: "/usr/local/lib/node_modules/rml-assess/bin/rml-assess.cjs" })).toBe("rml-assess");
    expect(commandName({ env: {} })).toBe("rml-assess");
  });

  it("says npx in init's and check's hints after a development-dependency install, and not after a global one", () => withTempDir((dir) => {
    const project = join(dir, "credit-model");
    mkdirSync(join(project, "node_modules", ".bin"), { recursive: true });
    symlinkSync(BIN, join(project, "node_modules", ".bin", "rml-assess"));
    mkdirSync(join(dir, "prefix", "bin"), { recursive: true });
    symlinkSync(BIN, join(dir, "prefix", "bin", "rml-assess"));

    const local = join(project, "node_modules", ".bin", "rml-assess");
    const init = runVia(local, ["init", "a.yaml"], project);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("or run 'npx rml-assess interview a.yaml', which asks for them first.");
    expect(init.stdout).toContain("Next: fill in the answers, then run 'npx rml-assess check a.yaml'.");
    const check = runVia(local, ["check", "a.yaml"], project);
    expect(check.stdout).toMatch(/Next: \d+ unanswered: run 'npx rml-assess interview a\.yaml' to continue/);
    const noTerminal = runVia(local, ["interview", "a.yaml"], project);
    expect(noTerminal.stderr).toContain("run 'npx rml-assess init a.yaml', fill in the file in an editor, then run 'npx rml-assess check a.yaml'");

    const global = join(dir, "prefix", "bin", "rml-assess");
    const globalInit = runVia(global, ["init", "b.yaml"], project);
    expect(globalInit.stdout).toContain("Next: fill in the answers, then run 'rml-assess check b.yaml'.");
    expect(globalInit.stdout).not.toContain("npx");
    // An npm script starts it with npm_lifecycle_event set: the hint is what to type at a prompt.
    const script = runVia(global, ["check", "b.yaml"], project, { npm_lifecycle_event: "assess" });
    expect(script.stdout).toMatch(/run 'npx rml-assess interview b\.yaml'/);
  }));
});
