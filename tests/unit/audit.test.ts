import { describe, expect, it } from "vitest";
import { auditFindings } from "../../src/core/audit.js";
import { evidenceCounts, evidenceKind, type EvidenceFacts } from "../../src/core/evidence.js";
import { DEFAULT_POLICY, passes } from "../../src/core/findings.js";
import { score } from "../../src/core/score.js";
import type { Answers } from "../../src/core/types.js";
import type { Policy } from "../../src/core/verdict.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { pinEvidence } from "../../src/evidence/pin.js";
import { agreeWithFullParser } from "../helpers/agree.js";
import { FIXTURES } from "../helpers/run.js";
import { join } from "node:path";

const pack = loadPack(join(FIXTURES, "two-principle-pack"), process.cwd(), "test");
const file = (text: string) => ({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) });
const SHA = "a".repeat(64);

const AUDITED = `version: 1
project:
  name: Audited
status: final
sign-off:
  - name: Ana
    role: Head of risk
    date: 2026-01-10
answers:
  alpha:
    a-one:
      answer: partial
      evidence:
        - docs/card.md   # kept
        - { path: docs/report.md, sha256: ${SHA} }
        - https://example.org/x
      action: { owner: Bo, due: 2026-03-01, ticket: https://tracker.example.org/T-1 }
    a-two:
      answer: no
      evidence: docs/single.md
      action:
        owner: Cy
        ticket: T-2
`;

const policy = (p: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, ...p });

describe("the answers file's audit fields", () => {
  it("reads status, sign-off, pinned evidence and actions with their positions, alike on both parsers", () => {
    expect(agreeWithFullParser(file(AUDITED), pack)).toBe("fast");
    const a = parseAnswers(file(AUDITED), pack);
    expect(a.status).toBe("final");
    expect(a.signOff).toEqual([{ name: "Ana", role: "Head of risk", date: "2026-01-10", position: { line: 8, column: 11 } }]);
    const one = a.answers.get("alpha")!.get("a-one")!;
    expect(one.evidence).toEqual(["docs/card.md", "docs/report.md", "https://example.org/x"]);
    expect(one.evidenceEntries.map((e) => [e.ref, e.sha256, e.position.line, e.position.column])).toEqual([
      ["docs/card.md", null, 14, 11], ["docs/report.md", SHA, 15, 19], ["https://example.org/x", null, 16, 11],
    ]);
    expect(one.action).toEqual({ owner: "Bo", due: "2026-03-01", ticket: "https://tracker.example.org/T-1", position: { line: 17, column: 33 } });
    const two = a.answers.get("alpha")!.get("a-two")!;
    expect(two.evidenceEntries.map((e) => e.position)).toEqual([{ line: 20, column: 17 }]);
    expect(two.action).toMatchObject({ owner: "Cy", due: null, ticket: "T-2", position: { line: 21, column: 7 } });
  });

  it("keeps old files valid: no status reads as draft, with no sign-off", () => {
    const a = parseAnswers(file("version: 1\nproject:\n  name: Old\nanswers:\n  alpha:\n    a-one: yes\n"), pack);
    expect([a.status, a.signOff, a.answers.get("alpha")!.get("a-one")!.action]).toEqual(["draft", [], null]);
  });

  it("refuses a malformed pin, an unknown status and impossible dates, located", () => {
    const bad = AUDITED.replace(SHA, "xyz").replace("status: final", "status: done").replace("due: 2026-03-01", "due: 2026-02-30");
    expect(agreeWithFullParser(file(bad), pack)).toBe("slow");
    expect(() => parseAnswers(file(bad), pack)).toThrowError(/a\.yaml:4:9[\s\S]*a\.yaml:15:[\s\S]*a\.yaml:17:33.*calendar/);
  });
});

describe("evidence kinds", () => {
  it("tells URLs, paths and invalid entries apart without any IO", () => {
    expect(["https://x.org/a", "docs/a.md", "./a b.md", "ftp://x.org", "https://", "/etc/passwd", "C:\\x", "http://a b", "javascript:alert(1)"].map((r) => evidenceKind(r).kind))
      .toEqual(["url", "path", "path", "invalid", "invalid", "invalid", "invalid", "invalid", "invalid"]);
  });
});

describe("audit findings", () => {
  const answers = (): Answers => parseAnswers(file(AUDITED), pack);
  const facts = (files: EvidenceFacts["files"]) => ({ evidence: { files }, lastChange: null });
  const codes = (list: ReturnType<typeof auditFindings>) => list.map((f) => `${f.code}:${f.severity}@${f.line}:${f.column}`);

  it("reports changed pinned evidence as a warning, an error under verify-evidence, with missing and invalid entries", () => {
    const a = score(pack, answers());
    const files = new Map([["docs/card.md", { state: "missing" as const }], ["docs/report.md", { state: "found" as const, sha256: "b".repeat(64) }], ["docs/single.md", { state: "outside" as const, root: "/repo" }]]);
    expect(codes(auditFindings(a, DEFAULT_POLICY, "", facts(files)))).toEqual(["EVIDENCE_CHANGED:warning@15:19"]);
    const verified = auditFindings(a, policy({ verifyEvidence: true }), "", facts(files));
    expect(codes(verified)).toEqual(["EVIDENCE_NOT_FOUND:error@14:11", "EVIDENCE_CHANGED:error@15:19", "EVIDENCE_INVALID:error@20:17"]);
    expect(evidenceCounts(a.answers, { files })).toEqual({ total: 4, found: 0, missing: 1, changed: 1, url: 1, invalid: 1, pinned: 1 });
    const same = new Map([...files, ["docs/report.md", { state: "found" as const, sha256: SHA }]]);
    expect(codes(auditFindings(a, DEFAULT_POLICY, "", facts(same)))).toEqual([]);
  });

  it("requires a sign-off of a final assessment, no older than the last change", () => {
    const unsigned = { ...answers(), signOff: [] };
    expect(codes(auditFindings(score(pack, unsigned), policy({ requireSignoff: true }), "", null))).toEqual(["MISSING_SIGNOFF:error@4:9"]);
    expect(auditFindings(score(pack, { ...unsigned, status: "draft" }), policy({ requireSignoff: true }), "", null)).toEqual([]);
    const a = score(pack, answers());
    const later = { evidence: null, lastChange: { date: "2026-02-01", source: "git history" } };
    const stale = auditFindings(a, policy({ requireSignoff: true }), "", later);
    expect(codes(stale)).toEqual(["SIGNOFF_STALE:error@8:11"]);
    expect(stale[0]!.message).toContain("2026-02-01, from git history");
    expect(auditFindings(a, policy({ requireSignoff: true }), "", { evidence: null, lastChange: { date: "2026-01-10", source: "git history" } })).toEqual([]);
    expect(auditFindings(a, DEFAULT_POLICY, "", later)).toEqual([]);
  });

  it("warns of an action past its due date, not on the day, and never fails the check", () => {
    const a = score(pack, answers());
    const overdue = auditFindings(a, DEFAULT_POLICY, "2026-03-02", null);
    expect(codes(overdue)).toEqual(["ACTION_OVERDUE:warning@17:33"]);
    expect(overdue[0]!.message).toContain("owner Bo");
    expect(passes(overdue)).toBe(true);
    expect(auditFindings(a, DEFAULT_POLICY, "2026-03-01", null)).toEqual([]);
  });
});

describe("evidence --pin's edit", () => {
  it("changes only the pinned entries' text, keeping comments and every other line", () => {
    const pins = new Map([["docs/card.md", "c".repeat(64)], ["docs/report.md", "d".repeat(64)], ["docs/single.md", "e".repeat(64)]]);
    const { text, changed } = pinEvidence(AUDITED, pins);
    expect(changed).toBe(3);
    const before = AUDITED.split("\n");
    const after = text.split("\n");
    expect(after).toHaveLength(before.length);
    const diff = before.flatMap((line, i) => (line === after[i] ? [] : [i + 1]));
    expect(diff).toEqual([14, 15, 20]);
    expect(after[13]).toBe(`        - { path: docs/card.md, sha256: ${"c".repeat(64)} }   # kept`);
    expect(after[19]).toBe(`      evidence: [{ path: docs/single.md, sha256: ${"e".repeat(64)} }]`);
    const reread = parseAnswers(file(text), pack);
    expect(reread.answers.get("alpha")!.get("a-one")!.evidenceEntries.map((e) => e.sha256)).toEqual(["c".repeat(64), "d".repeat(64), null]);
    expect(pinEvidence(text, pins)).toEqual({ text, changed: 0 });
  });
});
