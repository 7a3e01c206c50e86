import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const ANSWERS = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");

/** The answers file with one question's evidence replaced (the first `evidence:` list in the file). */
function withEvidence(entries: string[]): string {
  const at = ANSWERS.indexOf("\n      evidence:");
  expect(at).toBeGreaterThan(0);
  const end = ANSWERS.indexOf("\n", at + 1);
  return `${ANSWERS.slice(0, at)}\n      evidence: [${entries.map((e) => JSON.stringify(e)).join(", ")}]${ANSWERS.slice(end).replace(/^(\n\s+- .*)+/, "")}`;
}

describe("the markdown report", () => {
  it("makes no link of a scheme hidden in character references or percent-escapes, and escapes & in links", () => withTempDir(async (dir) => {
    const hidden = ["javascript&#58;alert(document.domain)", "data&colon;text/html;base64,PHNjcmlwdD4=", "file&colon;///etc/passwd", "javascript%3Aalert(1)"];
    writeFileSync(join(dir, "a.yaml"), withEvidence([...hidden, "https://example.org/q?a=1&b=2", "docs/card.md"]));
    const r = await runInProcess(["report", "a.yaml"], { cwd: dir });
    expect(r.code).toBe(0);
    const links = [...r.stdout.matchAll(/\]\(([^)]*)\)/g)].map((m) => m[1]);
    expect(links).toContain("https://example.org/q?a=1&amp;b=2");
    // A relative path is shown as text, not linked, outside a GitHub or GitLab repository at a known commit.
    expect(links).not.toContain("docs/card.md");
    expect(r.stdout).toContain("docs/card.md");
    for (const link of links) expect(link).not.toMatch(/^(javascript|data|file)|&#|&colon;|%3A/i);
    const html = await runInProcess(["report", "a.yaml", "--format", "html"], { cwd: dir });
    expect(html.stdout).not.toMatch(/href="(javascript|data|file)[^"]*"/i);
    expect(html.stdout).not.toMatch(/href="[^"]*(&amp;#58;|&amp;colon;)/i);
  }));

  it("names the answers file in a code span as it is, without backslashes", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "credit_scoring [v2].yaml"), ANSWERS);
    writeFileSync(join(dir, "tick`ed.yaml"), ANSWERS);
    const plain = await runInProcess(["report", "credit_scoring [v2].yaml"], { cwd: dir });
    expect(plain.stdout).toContain("| Answers file | `credit_scoring [v2].yaml`, not read at a commit |");
    const ticked = await runInProcess(["report", "tick`ed.yaml"], { cwd: dir });
    expect(ticked.stdout).toContain("| Answers file | ``tick`ed.yaml``, not read at a commit |");
  }));
});

describe("file names in messages and CI output", () => {
  it("--format github writes an escape character in a file name as \\u001b, never raw", () => withTempDir(async (dir) => {
    const name = "a\u001b[31mred.yaml";
    writeFileSync(join(dir, name), ANSWERS);
    const r = await runInProcess(["check", name, "--format", "github"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\u001b");
    expect(r.stdout).toMatch(/^::error file=a\\u001b\[31mred\.yaml,line=/m);
    expect(r.stdout).toMatch(/^rml-assess: a\\u001b\[31mred\.yaml scores /m);
  }));

  it("shows zero-width and direction characters in a quoted file name", () => withTempDir(async (dir) => {
    const r = await runInProcess(["check", "answers\u200b.yaml"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^answers\\u200b\.yaml: no such file/);
    writeFileSync(join(dir, "a.yaml"), ANSWERS);
    const out = await runInProcess(["report", "a.yaml", "-o", "missing\u202e/x.md"], { cwd: dir });
    expect(out.stderr).toMatch(/^error: cannot write missing\\u202e\/x\.md: its directory does not exist/);
  }));
});

describe("init", () => {
  it("does not copy escape or direction-override characters from pack text into its comments", () => withTempDir(async (dir) => {
    cpSync(join(FIXTURES, "two-principle-pack"), join(dir, "pack"), { recursive: true });
    const alpha = join(dir, "pack", "alpha.yaml");
    writeFileSync(alpha, readFileSync(alpha, "utf8").replace("text: Do you a one?", 'text: "Do you \\e[2Ka one \\u202Eeno?"'));
    const r = await runInProcess(["init", "a.yaml", "--pack", "pack"], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, "a.yaml"), "utf8");
    expect(text).toContain("# Do you a one eno?");
    expect(text).not.toMatch(/[\u001b\u202e]/);
  }));

  it("refuses a pack too large for check to read the answers file it would write", () => withTempDir(async (dir) => {
    // Ten principles of 250 questions: each file within the limits, their answers file over them.
    const pack = join(dir, "pack");
    cpSync(join(FIXTURES, "two-principle-pack"), pack, { recursive: true });
    const ids = Array.from({ length: 10 }, (_, n) => `p${n + 1}`);
    writeFileSync(join(pack, "pack.yaml"), readFileSync(join(pack, "pack.yaml"), "utf8").replace("principles: [alpha, beta]", `principles: [${ids.join(", ")}]`));
    const alpha = readFileSync(join(pack, "alpha.yaml"), "utf8");
    ids.forEach((id, n) => {
      const questions = Array.from({ length: 250 }, (_, i) => `  - { id: q${i}, text: "Question ${i}?", guidance: G., red-flag: R., recommendation: D., evidence: E., refs: [T] }`);
      writeFileSync(join(pack, `${id}.yaml`), alpha.replace("id: alpha", `id: ${id}`).replace("number: 1", `number: ${n + 1}`).replace(/questions:[\s\S]*$/, `questions:\n${questions.join("\n")}\n`));
    });
    const r = await runInProcess(["init", "a.yaml", "--pack", "pack"], { cwd: dir });
    expect(r.stderr).toMatch(/^error: an answers file for this pack \(2,500 questions\) would be over the 20,000 YAML tokens check reads, so check would refuse it; nothing was written/);
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, "a.yaml"))).toBe(false);
  }), 60_000);

  it("writes a file name as long as the system allows, and names the file (not -o) when it cannot", () => withTempDir(async (dir) => {
    const long = `${"n".repeat(250)}.yaml`;
    expect((await runInProcess(["init", long], { cwd: dir })).code).toBe(0);
    const tooLong = await runInProcess(["init", `${"n".repeat(300)}.yaml`], { cwd: dir });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toMatch(/its name is too long for the file system; nothing was written\nchoose another file name\n$/);
    expect(readdirSync(dir)).toEqual([long]);
  }));
});
