import { describe, expect, it } from "vitest";
import { buildCli } from "../../src/cli.js";
import type { Io } from "../../src/io/io.js";

/** Help text of a command, from a command line set up for `only` (all commands when undefined). */
function helpOf(name: string, only: string | undefined): string {
  let text = "";
  const io = { stdout: (s: string) => (text += s), stderr: (s: string) => (text += s) } as unknown as Io;
  const program = buildCli(io, { code: 0 }, only);
  const command = program.commands.find((c) => c.name() === name);
  expect(command, name).toBeDefined();
  command!.outputHelp();
  return text;
}

describe("buildCli", () => {
  const all = buildCli({} as Io, { code: 0 }).commands.map((c) => c.name());

  it("sets up only the command a run names, with the same options and help as when all are set up", () => {
    expect(all.length).toBeGreaterThan(5);
    for (const name of all) {
      expect(buildCli({} as Io, { code: 0 }, name).commands.map((c) => c.name()), name).toEqual([name]);
      expect(helpOf(name, name), name).toBe(helpOf(name, undefined));
    }
  });

  it("sets up every command for help, options and names it does not know", () => {
    for (const first of ["help", "--help", "-v", "chek"]) expect(buildCli({} as Io, { code: 0 }, first).commands.map((c) => c.name()), first).toEqual(all);
  });
});
