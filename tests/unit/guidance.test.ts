import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPack } from "../../src/load/pack.js";
import { FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const packDir = join(FIXTURES, "two-principle-pack");
const pack = loadPack(packDir, process.cwd(), packDir);
const questions = pack.principles.flatMap((p) => p.questions);

describe("guidance for people filling in the file by hand", () => {
  it("init --guidance writes each question's guidance as comments; the file stays a valid template", () => withTempDir(async (dir) => {
    expect((await runInProcess(["init", "g.yaml", "--guidance", "--pack", packDir], { cwd: dir })).code).toBe(0);
    const text = readFileSync(join(dir, "g.yaml"), "utf8");
    for (const q of questions) expect(text).toMatch(new RegExp(`# ${q.text.replace("?", "\\?")}\\n *# Guidance: ${q.guidance}\\n *${q.id}:`));
    expect((await runInProcess(["check", "g.yaml", "--pack", packDir, "--format", "json"], { cwd: dir })).code).toBe(1);
    expect((await runInProcess(["init", "plain.yaml", "--pack", packDir], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, "plain.yaml"), "utf8")).not.toContain("Guidance:");
  }));

  it("principles --format text --verbose prints each question's guidance, red flag and recommendation", async () => {
    const r = await runInProcess(["principles", "--format", "text", "--verbose", "--pack", packDir]);
    expect(r.code).toBe(0);
    for (const q of questions) {
      expect(r.stdout).toContain(`[${q.id}]\n       Guidance: ${q.guidance}\n       Red flag: ${q.redFlag}\n       Recommendation: ${q.recommendation}\n`);
    }
    const short = await runInProcess(["principles", "--pack", packDir]);
    expect(short.stdout).not.toContain("Red flag:");
  });
});
