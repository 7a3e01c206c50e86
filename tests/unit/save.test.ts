import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answersTemplate } from "../../src/commands/init.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { setAnswer, type AnswerEdit } from "../../src/interview/save.js";
import { BUILTIN_PACK_DIR } from "../../src/paths.js";
import { EXAMPLES } from "../helpers/run.js";

const pack = loadPack(BUILTIN_PACK_DIR, process.cwd(), "built-in");
const template = answersTemplate(pack, { projectName: "Fraud", date: "2026-11-20", schema: "schema.json" });

function parse(text: string) {
  return parseAnswers({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) }, pack);
}

function edit(answer: AnswerEdit["answer"], notes = "", evidence: string[] = []): AnswerEdit {
  return { answer, notes, evidence };
}

/** The lines that differ between two texts of the same length in lines, or the full diff otherwise. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return { removed: a.slice(head, a.length - tail), added: b.slice(head, b.length - tail) };
}

describe("saving an answer into the answers file", () => {
  it("fills the template's answer slot in place, keeping its trailing comment", () => {
    const after = setAnswer(template, pack, "human-augmentation", "impact-of-errors", edit("yes"));
    expect(changedLines(template, after)).toEqual({
      removed: ["      answer: # yes | partial | no | n/a"],
      added: ["      answer: yes # yes | partial | no | n/a"],
    });
    expect(parse(after).answers.get("human-augmentation")!.get("impact-of-errors")!.answer).toBe("yes");
  });

  it("writes notes and evidence into the template's empty fields", () => {
    const after = setAnswer(template, pack, "bias-evaluation", "proxy-features", edit("n/a", "No personal data: scores machines.", ["docs/a.md", "https://x.example/b c"]));
    expect(changedLines(template, after)).toEqual({
      removed: ["      answer: # yes | partial | no | n/a", "      notes:", "      evidence: []"],
      added: [
        "      answer: n/a # yes | partial | no | n/a",
        '      notes: "No personal data: scores machines."',
        "      evidence:",
        "        - docs/a.md",
        "        - https://x.example/b c",
      ],
    });
    const a = parse(after).answers.get("bias-evaluation")!.get("proxy-features")!;
    expect(a).toMatchObject({ answer: "n/a", notes: "No personal data: scores machines.", evidence: ["docs/a.md", "https://x.example/b c"] });
  });

  it("clears notes and evidence, and leaves an unchanged answer byte-identical", () => {
    const full = setAnswer(template, pack, "human-augmentation", "scheduled-review", edit("partial", "Monthly.", ["a.md"]));
    expect(setAnswer(full, pack, "human-augmentation", "scheduled-review", edit("partial", "Monthly.", ["a.md"]))).toBe(full);
    const cleared = setAnswer(full, pack, "human-augmentation", "scheduled-review", edit("no"));
    expect(changedLines(template, cleared).added).toEqual(["      answer: no # yes | partial | no | n/a"]);
    expect(parse(cleared).answers.get("human-augmentation")!.get("scheduled-review")).toMatchObject({ answer: "no", notes: "", evidence: [] });
  });

  it("keeps the shorthand form, and its comment, when there are no notes or evidence", () => {
    const text = "version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    impact-of-errors: yes   # agreed in March\n    scheduled-review:\n";
    const a = setAnswer(text, pack, "human-augmentation", "impact-of-errors", edit("partial"));
    expect(a).toBe(text.replace("impact-of-errors: yes   #", "impact-of-errors: partial   #"));
    const b = setAnswer(a, pack, "human-augmentation", "scheduled-review", edit("no"));
    expect(b).toBe(a.replace("scheduled-review:\n", "scheduled-review: no\n"));
  });

  it("turns a shorthand answer into a mapping when notes or evidence are added, its comment on the answer", () => {
    const text = "version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    impact-of-errors: yes   # agreed in March\n    scheduled-review: no\n";
    const after = setAnswer(text, pack, "human-augmentation", "impact-of-errors", edit("yes", "With ops.", ["docs/e.md"]));
    expect(after).toBe("version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    impact-of-errors:\n      answer: yes # agreed in March\n      notes: With ops.\n      evidence:\n        - docs/e.md\n    scheduled-review: no\n");
  });

  it("adds a missing question and a missing principle in pack order", () => {
    const text = "version: 1\nproject:\n  name: Fraud\nanswers:\n  # first principle\n  human-augmentation:\n    # about errors\n    impact-of-errors: yes\n    scheduled-review: no\n\n  # third\n  explainability-by-justification:\n    audit-trail: yes\n";
    // human-review-decision comes between impact-of-errors and scheduled-review in the pack.
    const a = setAnswer(text, pack, "human-augmentation", "human-review-decision", edit("partial"));
    expect(a).toContain("    impact-of-errors: yes\n    human-review-decision: partial\n    scheduled-review: no\n");
    const b = setAnswer(a, pack, "bias-evaluation", "representative-data", edit("no", "Thin-file applicants missing."));
    expect(b).toContain("    scheduled-review: no\n\n  bias-evaluation:\n    representative-data:\n      answer: no\n      notes: Thin-file applicants missing.\n  # third\n");
    const c = setAnswer(b, pack, "human-augmentation", "impact-of-errors", edit("yes"));
    expect(c).toBe(b);
    const d = setAnswer(text, pack, "data-risk-awareness", "threat-assessment", edit("yes"));
    expect(d).toBe(`${text}  data-risk-awareness:\n    threat-assessment: yes\n`);
    for (const t of [a, b, d]) expect(() => parse(t)).not.toThrow();
  });

  it("puts a question before the first one there, above that question's comment", () => {
    const text = "version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    # the second question\n    human-review-decision: yes\n";
    const after = setAnswer(text, pack, "human-augmentation", "impact-of-errors", edit("no"));
    expect(after).toBe("version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    impact-of-errors: no\n    # the second question\n    human-review-decision: yes\n");
  });

  it("fills an empty answers: or principle:", () => {
    const empty = "version: 1\nproject:\n  name: Fraud\nanswers: # none yet\n";
    expect(setAnswer(empty, pack, "human-augmentation", "impact-of-errors", edit("yes")))
      .toBe("version: 1\nproject:\n  name: Fraud\nanswers: # none yet\n  human-augmentation:\n    impact-of-errors: yes\n");
    const emptyPrinciple = "version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n  bias-evaluation:\n    proxy-features: no\n";
    expect(setAnswer(emptyPrinciple, pack, "human-augmentation", "impact-of-errors", edit("yes")))
      .toBe("version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    impact-of-errors: yes\n  bias-evaluation:\n    proxy-features: no\n");
  });

  it("changes only the edited entry of a hand-written file, leaving folded notes and comments alone", () => {
    const text = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");
    const before = parse(text);
    const unanswered = pack.principles.flatMap((p) => p.questions.map((q) => [p.id, q.id] as const))
      .filter(([p, q]) => !before.answers.get(p)?.get(q)?.answer);
    expect(unanswered.length).toBeGreaterThan(1);
    let current = text;
    for (const [p, q] of unanswered) {
      const next = setAnswer(current, pack, p, q, edit("partial", "Being worked on: see ticket #12", ["docs/plan.md"]));
      const { removed, added } = changedLines(current, next);
      // Only the entry's own lines change: nothing before or after it is rewritten.
      expect(removed.length).toBeLessThanOrEqual(4);
      expect(added.join("\n")).toContain("Being worked on");
      current = next;
    }
    const after = parse(current);
    for (const [p, q] of unanswered) expect(after.answers.get(p)!.get(q)).toMatchObject({ answer: "partial", notes: "Being worked on: see ticket #12", evidence: ["docs/plan.md"] });
    // Everything answered before is still there, with the same notes.
    for (const [p, qs] of before.answers) for (const [q, a] of qs) if (a.answer) expect(after.answers.get(p)!.get(q)).toMatchObject({ answer: a.answer, notes: a.notes, evidence: a.evidence });
    // The folded notes and comments of the original are still there verbatim.
    for (const line of text.split("\n").filter((l) => l.trimStart().startsWith("#") || l.startsWith("        "))) expect(current).toContain(line);
  });

  it("adds notes to a mapping entry before its evidence, and an answer first when it has none", () => {
    const text = "version: 1\nproject:\n  name: Fraud\nanswers:\n  human-augmentation:\n    impact-of-errors:\n      answer: yes\n      evidence:\n        - a.md   # the analysis\n    scheduled-review:\n      notes: Monthly.\n";
    const a = setAnswer(text, pack, "human-augmentation", "impact-of-errors", edit("yes", "With ops.", ["a.md"]));
    expect(a).toBe(text.replace("      answer: yes\n", "      answer: yes\n      notes: With ops.\n"));
    const b = setAnswer(a, pack, "human-augmentation", "scheduled-review", edit("partial", "Monthly."));
    expect(b).toBe(a.replace("    scheduled-review:\n      notes: Monthly.\n", "    scheduled-review:\n      answer: partial\n      notes: Monthly.\n"));
  });

  it("keeps CRLF line endings", () => {
    const text = "version: 1\r\nproject:\r\n  name: Fraud\r\nanswers:\r\n  human-augmentation:\r\n    impact-of-errors: yes\r\n";
    const after = setAnswer(text, pack, "human-augmentation", "impact-of-errors", edit("no", "n", ["e"]));
    expect(after).toBe("version: 1\r\nproject:\r\n  name: Fraud\r\nanswers:\r\n  human-augmentation:\r\n    impact-of-errors:\r\n      answer: no\r\n      notes: n\r\n      evidence:\r\n        - e\r\n");
  });

  it("falls back to printing the document for flow-style mappings, with the right data", () => {
    const text = "version: 1\nproject: {name: Fraud}\n# keep me\nanswers: {human-augmentation: {impact-of-errors: yes}}\n";
    const after = setAnswer(text, pack, "human-augmentation", "scheduled-review", edit("no", "x"));
    expect(after).toContain("# keep me");
    const a = parse(after).answers.get("human-augmentation")!;
    expect(a.get("impact-of-errors")!.answer).toBe("yes");
    expect(a.get("scheduled-review")).toMatchObject({ answer: "no", notes: "x" });
  });

  it("quotes text that YAML would otherwise read differently", () => {
    for (const notes of ["123", "yes", "- item", "a: b", "#tag", "  padded", "line\nbreak", "null", "'quoted'", "\"dq\"", "tab\there", "ünïcödé ✓"]) {
      const after = setAnswer(template, pack, "human-augmentation", "impact-of-errors", edit("n/a", notes, [notes]));
      const a = parse(after).answers.get("human-augmentation")!.get("impact-of-errors")!;
      expect(a.notes).toBe(notes.trim());
      expect(a.evidence).toEqual([notes.trim()]);
    }
  });
});
