import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { upgradeAnswers } from "../../src/interview/upgrade.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { FIXTURES } from "../helpers/run.js";

const PACK_DIR = join(FIXTURES, "traits-pack");
const pack = loadPack(PACK_DIR, process.cwd(), PACK_DIR);
const OLD = readFileSync(join(FIXTURES, "traits-answers", "old-version.yaml"), "utf8");

function upgrade(text: string) {
  return upgradeAnswers(text, pack, parseAnswers({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) }, pack));
}

const UPGRADED = `# Written for version 1.0.0 of tests/fixtures/traits-pack, before questions were retired.
version: 1
project:
  name: Fraud scoring
date: 2026-11-20
answers:
  alpha:
    # Do you do core one?
    core-one: yes

    # Retired and split into core-one and core-two.
    # Retired in traits-demo 1.1.0, not moved: it was split into several questions; answer each
    # of them. It is asked now as alpha/core-one, alpha/core-two. Split into two questions.
    # Remove this entry when done.
    old-double: no
  beta:
    # Is access restricted?
    least-privilege:
      answer: partial
      notes: Production only.
      evidence:
        - docs/access.md
`;

describe("init --upgrade's rewrite of an answers file", () => {
  it("moves an answer to its one replacement, removes an empty entry and comments a split one, keeping the rest byte for byte", () => {
    const r = upgrade(OLD);
    expect(r.moved).toEqual([{ from: "alpha/old-access", to: "beta/least-privilege" }]);
    expect(r.removed).toEqual(["beta/dropped"]);
    expect(r.left).toEqual([{ id: "alpha/old-double", why: "it was split into several questions; answer each of them" }]);
    expect(r.text).toBe(UPGRADED);
  });

  it("changes nothing more when run again, and keeps CRLF line endings", () => {
    const again = upgrade(UPGRADED);
    expect(again.text).toBe(UPGRADED);
    expect(again.left.map((l) => l.id)).toEqual(["alpha/old-double"]);
    expect(upgrade(OLD.replace(/\n/g, "\r\n")).text).toBe(UPGRADED.replace(/\n/g, "\r\n"));
  });

  it("leaves an answer in place when its replacement is already answered", () => {
    const text = "version: 1\nproject:\n  name: X\nanswers:\n  alpha:\n    old-access: yes\n  beta:\n    least-privilege: no\n";
    const r = upgrade(text);
    expect(r.moved).toEqual([]);
    expect(r.left).toEqual([{ id: "alpha/old-access", why: "beta/least-privilege already has an answer; merge the two by hand" }]);
    expect(r.text).toBe(text.replace("    old-access: yes", "    # Retired in traits-demo 1.1.0, not moved: beta/least-privilege already has an answer; merge\n    # the two by hand. It is asked now as beta/least-privilege. Merged; access control is asked\n    # once, under beta. Remove this entry when done.\n    old-access: yes"));
  });

  it("moves one answer only when two retired questions share a replacement", () => {
    const twoPack = { ...pack, retired: [...pack.retired, { id: "beta/old-acl", replacedBy: ["beta/least-privilege"], note: "" }] };
    const text = "version: 1\nproject:\n  name: X\nanswers:\n  alpha:\n    old-access: yes\n  beta:\n    old-acl: no\n";
    const r = upgradeAnswers(text, twoPack, parseAnswers({ file: "a.yaml", text, bytes: new TextEncoder().encode(text) }, twoPack));
    expect(r.moved).toEqual([{ from: "alpha/old-access", to: "beta/least-privilege" }]);
    expect(r.left.map((l) => l.id)).toEqual(["beta/old-acl"]);
    expect(r.text).toMatch(/least-privilege: yes/);
  });

  it("falls back to the Document API for flow-style mappings, and the data still comes out right", () => {
    const text = "version: 1\nproject: { name: X }\nanswers: { alpha: { core-one: yes, old-access: no, old-double: yes } }\n";
    const r = upgrade(text);
    expect(r.moved).toEqual([{ from: "alpha/old-access", to: "beta/least-privilege" }]);
    const after = parseAnswers({ file: "a.yaml", text: r.text, bytes: new TextEncoder().encode(r.text) }, pack);
    expect(after.answers.get("beta")?.get("least-privilege")?.answer).toBe("no");
    expect(after.retired.map((x) => x.retired.id)).toEqual(["alpha/old-double"]);
    // A flow mapping has no room for a comment: the entry stays, and the command's output names it.
    expect(r.left.map((l) => l.id)).toEqual(["alpha/old-double"]);
  });

  it("returns the text unchanged when no entry is for a retired question", () => {
    const text = "version: 1\nproject:\n  name: X\nanswers:\n  alpha:\n    core-one: yes # kept\n";
    expect(upgrade(text)).toEqual({ text, moved: [], removed: [], left: [] });
  });
});
