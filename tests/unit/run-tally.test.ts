import { describe, expect, it } from "vitest";
import { RunTally, type FileSummary } from "../../src/formats/document.js";

const summary = (file: string, passed: boolean, extra: Partial<FileSummary> = {}): FileSummary => ({
  file, project: `project of ${file}`, score: passed ? 90 : 10, band: null, passed, errors: passed ? 0 : 1, warnings: 0, findings: [], ...extra,
});

describe("RunTally: what a check document's tail knows of the run", () => {
  it("counts the files and the failed ones; the run passes only when none failed", () => {
    const run = new RunTally();
    expect(run).toMatchObject({ files: 0, failed: 0, passed: true });
    run.add(summary("a.yaml", true));
    run.add(summary("b.yaml", false));
    run.add(summary("c.yaml", true));
    expect(run).toMatchObject({ files: 3, failed: 1, passed: false });
  });

  it("keeps the components of files that name a system, each system at its lowest level, and nothing of the others", () => {
    const run = new RunTally();
    run.add(summary("api.yaml", true, { level: 4, system: "fraud", component: "api" }));
    run.add(summary("plain.yaml", true));
    run.add(summary("model.yaml", true, { level: 2, system: "fraud" }));
    run.add(summary("no-level.yaml", true, { system: "other" }));
    expect(run.systems()).toEqual([{
      system: "fraud",
      level: 2,
      components: [{ component: "api", file: "api.yaml", level: 4 }, { component: "project of model.yaml", file: "model.yaml", level: 2 }],
    }]);
  });
});
