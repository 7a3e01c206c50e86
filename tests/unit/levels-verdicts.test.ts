import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, findings, passes } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import type { Assessment, Pack } from "../../src/core/types.js";
import { badgeContent } from "../../src/formats/badge-content.js";
import { cardContext } from "../../src/formats/report/card.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { BUILTIN_PACKS } from "../../src/paths.js";
import { htmlHref, htmlText, escapeMarkdown, markdownHref, markdownCode } from "../../src/text/escape.js";
import { levelLines, levelSentence } from "../../src/text/levels.js";
import { PLAIN } from "../../src/io/color.js";

// The verdict cases an MLTRL reviewer raised, on the real mltrl pack: a level is never called
// reached, passed or supported beyond what the gates and the history carry.
const pack: Pack = loadPack(BUILTIN_PACKS.mltrl!.dir, process.cwd(), "built-in");

type Given = "yes" | "no" | "partial" | { na: string };
/** An answers file for the mltrl pack: `answer(level)` for every question of that level that applies to `traits`. */
function assess(answer: (level: number) => Given, extra: { claimed?: number; traits?: string[]; history?: string } = {}): Assessment {
  const traits = extra.traits ?? [];
  const lines = ["version: 1", "pack: mltrl", "project:", "  name: Verdict case", `  traits: [${traits.join(", ")}]`];
  if (extra.claimed !== undefined) lines.push(`claimed-level: ${extra.claimed}`);
  if (extra.history) lines.push(extra.history);
  lines.push("answers:");
  for (const p of pack.principles) {
    lines.push(`  ${p.id}:`);
    for (const q of p.questions) {
      if (q.appliesTo.length && !q.appliesTo.some((t) => traits.includes(t))) continue;
      const given = answer(p.number);
      lines.push(typeof given === "string" ? `    ${q.id}: ${given}` : `    ${q.id}: { answer: n/a, notes: ${JSON.stringify(given.na)} }`);
    }
  }
  return score(pack, parseAnswers({ file: "case.yaml", text: `${lines.join("\n")}\n` } as never, pack));
}
const codes = (a: Assessment) => findings(a, DEFAULT_POLICY, "2026-12-07").map((f) => f.code);
const card = (a: Assessment) => cardContext(a, a.levels!, { toolName: "t", toolVersion: "0", generated: "2026-12-07T00:00:00Z", answersFingerprint: "x" } as never, { text: escapeMarkdown, href: markdownHref, code: markdownCode });

describe("MLTRL verdicts that never overstate", () => {
  it("level 9 with every ongoing check failing is level 9 not sustained, and claimed-level 9 is LEVEL_NOT_MET", () => {
    const a = assess((l) => (l === 9 ? "no" : "yes"), { claimed: 9 });
    expect(a.levels).toMatchObject({ level: 9, sustained: false });
    const found = findings(a, DEFAULT_POLICY, "2026-12-07");
    const deployment = pack.principles.find((p) => p.number === 9)!;
    expect(found.filter((f) => f.code === "LEVEL_NOT_MET").map((f) => f.question).sort()).toEqual(deployment.questions.map((q) => q.id).sort());
    expect(passes(found)).toBe(false);
    expect(levelSentence(a.levels!)).toContain(`level 9 not sustained: 0 of ${deployment.questions.length} ongoing checks passed`);
    const text = levelLines(a, a.levels!, PLAIN).join("\n");
    expect(text).toContain("Claimed level 9 (not supported: level 9's ongoing checks are not all passed)");
    expect(text).not.toContain("(supported)");
    expect(card(a).level.claimSupported).toBe(false);
    expect(card(a).level.cells[9]!.label).toBe("current level, not sustained");
    expect(badgeContent(a, "MLTRL").message).toBe("level 9 of 9 (not sustained)");
    // With the ongoing checks passed, the same claim is supported.
    const sustained = assess(() => "yes", { claimed: 9 });
    expect(sustained.levels?.sustained).toBe(true);
    expect(codes(sustained)).not.toContain("LEVEL_NOT_MET");
  });

  it("a switchback as the last history entry caps the level, and a claim above it is LEVEL_NOT_MET", () => {
    const history = ["history:", "  - { level: 4, date: 2026-05-01, kind: advance }", "  - { level: 2, date: 2026-06-30, kind: switchback, switchback: discovery, note: Seasonality broke. }"].join("\n");
    const a = assess((l) => (l < 6 ? "yes" : "no"), { claimed: 4, history });
    expect(a.levels).toMatchObject({ level: 2, gatesReach: 6 });
    expect(a.levels?.cappedBy?.switchback).toBe("discovery");
    expect(codes(a)).toContain("LEVEL_NOT_MET");
    expect(levelSentence(a.levels!)).toContain("capped by a discovery switchback to level 2 on 2026-06-30 (the gates alone reach level 6)");
    expect(levelLines(a, a.levels!, PLAIN).join("\n")).toContain("Last history entry: discovery switchback to level 2 on 2026-06-30");
    const c = card(a);
    expect(c.history.entries[1]!.step).toBe("discovery switchback");
    expect(c.history.cappedBy).toMatchObject({ level: 2, step: "discovery switchback" });
    // An advance recorded after the switchback lifts the cap.
    const lifted = assess((l) => (l < 6 ? "yes" : "no"), { history: `${history}\n  - { level: 6, date: 2026-08-01, kind: advance }` });
    expect(lifted.levels).toMatchObject({ level: 6, cappedBy: null });
  });

  it("n/a with any note on a team-built model's gates is NA_NOT_ALLOWED and passes no gate", () => {
    const a = assess((l) => (l <= 5 ? { na: "x" } : "yes"), { claimed: 9 });
    expect(a.levels?.level).toBe(0);
    expect(codes(a)).toContain("NA_NOT_ALLOWED");
    expect(codes(a)).toContain("LEVEL_NOT_MET");
    expect(levelLines(a, a.levels!, PLAIN).join("\n")).toContain("n/a not allowed here");
  });

  it("n/a passes the research gates 0-3 for an off-the-shelf model only, never gate 4 or 5", () => {
    const gates03 = assess((l) => (l <= 3 ? { na: "Entered at level 4 from a vendor model." } : "yes"), { traits: ["off-the-shelf-model"] });
    expect(gates03.levels?.level).toBe(9);
    expect(codes(gates03)).not.toContain("NA_NOT_ALLOWED");
    const gate5 = assess((l) => (l <= 3 || l === 5 ? { na: "Entered at level 4 from a vendor model." } : "yes"), { traits: ["off-the-shelf-model"] });
    expect(gate5.levels?.level).toBe(5);
    expect(codes(gate5)).toContain("NA_NOT_ALLOWED");
  });

  it("a partial gate is never shown as passed: the sentence and the card say the gate is open, with checks passed", () => {
    const a = assess((l) => (l < 4 ? "yes" : l === 4 ? "partial" : "no"), { claimed: 4 });
    const checks = a.levels!.next.checks;
    expect(levelSentence(a.levels!)).toBe(`At readiness level 4 of 9: Proof of concept (prototyping); gate to level 5 open: 0 of ${checks} checks passed`);
    const c = card(a);
    expect(c.level.cells[4]).toMatchObject({ state: "current", label: "current level, gate open", passed: 0, total: checks });
    expect(c.level.cells[3]).toMatchObject({ state: "passed", label: "gate passed" });
    expect(codes(a)).not.toContain("LEVEL_NOT_MET");
    // The same data through the HTML escapes.
    expect(cardContext(a, a.levels!, { toolName: "t", toolVersion: "0", generated: "2026-12-07T00:00:00Z", answersFingerprint: "x" } as never, { text: htmlText, href: htmlHref, code: htmlText }).next.passed).toBe(0);
  });
});

describe("na-allowed-for in a level pack's files", () => {
  it("must name declared traits, and belongs to level packs only", async () => {
    const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const dir = mkdtempSync(join(tmpdir(), "na-allowed-"));
    try {
      cpSync(join("tests", "fixtures", "level-pack", "pack"), dir, { recursive: true });
      const idea = join(dir, "idea.yaml");
      writeFileSync(idea, readFileSync(idea, "utf8").replace("na-allowed-for: [reused-model]", "na-allowed-for: [reused-modle]"));
      expect(() => loadPack(dir, process.cwd(), dir)).toThrow(/level 'idea' allows n\/a for the trait 'reused-modle', which pack\.yaml does not declare/);
      writeFileSync(idea, readFileSync(idea, "utf8").replace("[reused-modle]", "[reused-model]"));
      const manifest = join(dir, "pack.yaml");
      writeFileSync(manifest, readFileSync(manifest, "utf8").replace("scoring: levels", "scoring: weighted"));
      expect(() => loadPack(dir, process.cwd(), dir)).toThrow(/na-allowed-for is only for level packs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
