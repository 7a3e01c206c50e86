import { describe, expect, it } from "vitest";
import { buildCli } from "../../src/cli.js";
import { FORMATS, formatList, formatNames, loadFormat, type CommandFormats } from "../../src/formats/index.js";
import { UsageError } from "../../src/errors.js";
import type { Io } from "../../src/io/io.js";

describe("the output registry", () => {
  const commands = Object.keys(FORMATS) as (keyof CommandFormats)[];

  it("is where every command's --format choices come from", () => {
    const io = { stdout: () => {}, stderr: () => {}, cwd: process.cwd(), env: {}, now: () => new Date(0), stdoutIsTTY: false, stderrIsTTY: false, stdinIsTTY: false } as unknown as Io;
    const program = buildCli(io, { code: 0 });
    for (const command of commands) {
      const format = program.commands.find((c) => c.name() === command)?.options.find((o) => o.long === "--format");
      // A command with one format (schema writes JSON) needs no --format.
      if (format) expect(format.argChoices, command).toEqual(formatNames(command));
      else expect(formatNames(command), command).toHaveLength(1);
    }
    // And no command offers --format without an entry here.
    for (const c of program.commands) {
      if (c.options.some((o) => o.long === "--format")) expect(commands).toContain(c.name());
    }
  });

  it("loads every format it lists", async () => {
    for (const command of commands) {
      for (const name of formatNames(command)) {
        const format = await loadFormat(command, name);
        expect(["function", "object"], `${command} ${name}`).toContain(typeof format);
      }
    }
  });

  it("refuses a name it does not list, inherited names included", async () => {
    await expect(loadFormat("check", "yaml")).rejects.toThrow(UsageError);
    await expect(loadFormat("check", "constructor")).rejects.toThrow(/unknown check format 'constructor'/);
  });

  it("lists check's formats for --help with what each is for", () => {
    expect(formatList("check")).toBe("text (people), json, github (workflow annotations, plus a summary when GITHUB_STEP_SUMMARY is set), gitlab (GitLab Code Quality report), junit (JUnit XML), sarif (SARIF 2.1.0)");
  });
});
