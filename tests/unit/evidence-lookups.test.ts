import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { evidenceKind, isPathRef } from "../../src/core/evidence.js";
import { evidenceFacts, newLookups } from "../../src/io/evidence-files.js";
import { parseAnswers } from "../../src/load/answers.js";
import { loadPack } from "../../src/load/pack.js";
import { FIXTURES } from "../helpers/run.js";

const pack = loadPack(join(FIXTURES, "two-principle-pack"), process.cwd(), "test");
const answersCiting = (dir: string, name: string, ...paths: string[]) => {
  const text = `version: 1\nproject:\n  name: ${name}\nanswers:\n  alpha:\n    a-one:\n      answer: yes\n      evidence:\n${paths.map((p) => `        - ${p}\n`).join("")}`;
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return parseAnswers({ file, text, bytes: new TextEncoder().encode(text) }, pack);
};

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a run's evidence lookups", () => {
  it("look each path up once for all the files of a directory, as the file system was then", () => {
    dir = mkdtempSync(join(tmpdir(), "rml-lookups-"));
    mkdirSync(join(dir, ".git"));
    mkdirSync(join(dir, "docs"));
    writeFileSync(join(dir, "docs", "card.md"), "card");
    const lookups = newLookups();
    const first = evidenceFacts(answersCiting(dir, "one", "docs/card.md"), dir, false, lookups);
    expect(first.files.get("docs/card.md")).toMatchObject({ state: "found", sha256: null });
    rmSync(join(dir, "docs", "card.md"));
    // The second file of the same run, in the same directory, reuses what the first one found…
    const second = evidenceFacts(answersCiting(dir, "two", "docs/card.md", "docs/other.md"), dir, false, lookups);
    expect(second.files.get("docs/card.md")).toMatchObject({ state: "found", sha256: null });
    expect(second.files.get("docs/other.md")).toEqual({ state: "missing" });
    // …and a new run looks again.
    expect(evidenceFacts(answersCiting(dir, "three", "docs/card.md"), dir).files.get("docs/card.md")).toEqual({ state: "missing" });
  });

  it("hash a pinned file even when the path was already looked up without hashing", () => {
    dir = mkdtempSync(join(tmpdir(), "rml-lookups-"));
    writeFileSync(join(dir, "model.bin"), "weights");
    const lookups = newLookups();
    evidenceFacts(answersCiting(dir, "one", "model.bin"), dir, false, lookups);
    const fact = evidenceFacts(answersCiting(dir, "two", "model.bin"), dir, true, lookups).files.get("model.bin");
    expect(fact).toMatchObject({ state: "found", sha256: createHash("sha256").update("weights").digest("hex") });
  });

  it("stay bounded when every file cites paths of its own", () => {
    dir = mkdtempSync(join(tmpdir(), "rml-lookups-"));
    const lookups = newLookups();
    const paths = Array.from({ length: 500 }, (_, i) => `docs/own-${i}.md`);
    for (let i = 0; i < 50; i++) evidenceFacts(answersCiting(dir, `f${i}`, ...paths.map((p) => `${p}-${i}`)), dir, false, lookups);
    const facts = lookups.facts.get(dir)!;
    expect(facts.size).toBeGreaterThan(0);
    expect(facts.size).toBeLessThanOrEqual(20_000);
  });
});

describe("isPathRef", () => {
  it("agrees with evidenceKind on every kind of entry", () => {
    const refs = ["docs/card.md", "../outside.md", "./a b.md", "https://example.org/x", "http://", "https://exa mple.org", "HTTPS://EXAMPLE.ORG", "ftp://x.org/f", "mailto:a@b.org", "javascript:alert(1)", "data:text/plain,x", "s3://bucket/key", "/etc/passwd", "C:\\data\\x.csv", "\\\\server\\share", "~/notes.md", "file:///tmp/x", "dir/with:colon.md", "a1+b://x"];
    for (const ref of refs) expect(isPathRef(ref), ref).toBe(evidenceKind(ref).kind === "path");
  });
});
