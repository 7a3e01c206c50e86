import { describe, expect, it, vi } from "vitest";
import { runInProcess } from "../helpers/run.js";

// A bug inside the tool, simulated: scoring throws something no command expects.
vi.mock("../../src/core/score.js", () => ({
  score: () => {
    throw new TypeError("cannot read properties of undefined (reading 'weight')");
  },
}));

const TRIAGE = "examples/clinical-triage.yaml";

describe("an unexpected error", () => {
  it("asks for a bug report with exit 2 and no stack trace", async () => {
    const r = await runInProcess(["check", TRIAGE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("rml-assess: unexpected error: cannot read properties of undefined (reading 'weight')\n"
      + "This is a bug in rml-assess; please report it with the command you ran (add --debug for details).\n");
  });

  it("shows the stack with --debug or DEBUG set", async () => {
    for (const r of [await runInProcess(["check", TRIAGE, "--debug"]), await runInProcess(["check", TRIAGE], { env: { DEBUG: "1" } })]) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^rml-assess: unexpected error: cannot read/);
      expect(r.stderr).toMatch(/\n\s+at .*score/);
    }
  });

  it("bad input never shows a stack, even with --debug", async () => {
    const r = await runInProcess(["check", "no-such-answers.yaml", "--debug"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("no-such-answers.yaml: no such file (check the path, or run 'rml-assess init' to create an answers file)\n✖ 1 problem in the input; nothing was written.\n");
  });
});
