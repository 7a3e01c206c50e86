import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coverage } from "../../src/core/crosswalk.js";
import { score } from "../../src/core/score.js";
import type { Project } from "../../src/core/types.js";
import { readAnswersFile } from "../../src/commands/inputs.js";
import { loadCrosswalk } from "../../src/load/crosswalk.js";
import { loadPack } from "../../src/load/pack.js";
import { EXAMPLES, REPO } from "../helpers/run.js";

const PRINCIPLES = join(REPO, "principles");
const pack = loadPack(PRINCIPLES, REPO, "built-in");
const eu = loadCrosswalk(PRINCIPLES, "eu-ai-act", pack, REPO);

/** The EU AI Act view of an example, with its project fields changed as given. */
async function euView(example: string, project: Partial<Project> = {}) {
  const { answers } = await readAnswersFile(join(EXAMPLES, example), pack, { cwd: REPO });
  Object.assign(answers.project, project);
  return new Map(coverage(eu, score(pack, answers)).items.map((i) => [i.item.id, i]));
}
const ofArticles = (view: Awaited<ReturnType<typeof euView>>, articles: number[]) => [...view.values()].filter((i) => articles.includes(i.item.article!));

describe("the EU AI Act view scores only what binds the system", () => {
  it("marks Articles 9-15 not applicable for the support-assistant example (risk: limited), with the reason", async () => {
    const view = await euView("support-assistant.yaml");
    const highRisk = ofArticles(view, [9, 10, 11, 12, 13, 14, 15]);
    expect(highRisk.length).toBe(eu.items.filter((i) => i.article! >= 9 && i.article! <= 15).length);
    expect(highRisk.length).toBeGreaterThan(50);
    for (const i of highRisk) expect(i).toMatchObject({ status: "not-applicable", reason: "applies to high-risk systems; project.risk is limited" });
    for (const i of ofArticles(view, [26, 27, 72, 73])) expect(i.status).toBe("not-applicable");
    // Articles 4 and 5 bind every provider and deployer, and are scored.
    expect(view.get("Art. 4")!.status).not.toBe("not-applicable");
    expect(view.get("Art. 5")!.status).not.toBe("not-applicable");
  });

  it("applies Articles 9-15, 72 and 73 to providers and 26-27 to deployers of a high-risk system; both get all of them", async () => {
    const deployer = await euView("credit-scoring.yaml", { role: "deployer" });
    for (const i of ofArticles(deployer, [9, 15, 72, 73])) expect(i).toMatchObject({ status: "not-applicable", reason: "applies to providers; project.role is deployer" });
    for (const i of ofArticles(deployer, [26, 27])) expect(i.status).not.toBe("not-applicable");
    const provider = await euView("credit-scoring.yaml", { role: "provider" });
    for (const i of ofArticles(provider, [26, 27])) expect(i).toMatchObject({ status: "not-applicable", reason: "applies to deployers; project.role is provider" });
    for (const i of ofArticles(provider, [9, 15])) expect(i.status).not.toBe("not-applicable");
    const both = await euView("credit-scoring.yaml", { role: "both" });
    expect([...both.values()].filter((i) => i.status === "not-applicable")).toEqual([]);
  });

  it("fails closed: a file that says neither risk nor role is scored on every article", async () => {
    const view = await euView("support-assistant.yaml", { risk: undefined });
    // Only the team's own n/a answers (with their reasons) leave items out; no scope does.
    const out = [...view.values()].filter((i) => i.status === "not-applicable");
    expect(out.every((i) => i.reason!.startsWith("n/a: "))).toBe(true);
    expect(ofArticles(view, [9, 10, 11, 12, 13, 14, 15]).filter((i) => i.status !== "not-applicable").length).toBeGreaterThan(40);
  });

  it("marks every item not applicable for a system outside the Union (project.jurisdictions), and scores one in a member state", async () => {
    const uk = await euView("credit-scoring.yaml", { jurisdictions: ["uk"] });
    expect([...uk.values()].every((i) => i.status === "not-applicable" && /project\.jurisdictions lists uk/.test(i.reason!))).toBe(true);
    const germany = await euView("credit-scoring.yaml", { jurisdictions: ["uk", "de"] });
    expect(germany.get("Art. 9(2)(a)")!.status).not.toBe("not-applicable");
  });
});

describe("project.role and project.jurisdictions in the answers file", () => {
  it("are read when valid and refused at their position when not", async () => {
    const { parseAnswers } = await import("../../src/load/answers.js");
    const text = (role: string, markets: string) => `version: 1\nproject:\n  name: Scoped\n  role: ${role}\n  jurisdictions: ${markets}\nanswers:\n`;
    const ok = parseAnswers({ file: "a.yaml", text: text("both", "[eu, uk]") } as never, pack);
    expect(ok.project).toMatchObject({ role: "both", jurisdictions: ["eu", "uk"] });
    expect(() => parseAnswers({ file: "a.yaml", text: text("operator", "[EU]") } as never, pack)).toThrow(/a\.yaml:4:9: .project\.role. must be one of provider, deployer, both[\s\S]*a\.yaml:5:19: .project\.jurisdictions\.0. has the wrong form/);
  });
});
