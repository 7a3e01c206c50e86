import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeNeeding } from "../helpers/browser.js";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";
import { QUICK_JVM } from "../helpers/validate.js";

/** The W3C Nu Html Checker, shipped as a jar by the vnu-jar package; it runs on the machine's Java. */
const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const hasJava = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

describeNeeding("Java (for the W3C Nu Html Checker)", hasJava, "apt-get install -y default-jre-headless")("HTML report validity", () => {
  it("passes the W3C Nu Html Checker with no errors, hostile answers included", () => withTempDir(async (dir) => {
    const hostile = join(FIXTURES, "hostile-answers", "rml-assessment.yaml");
    // The hostile report also shows its changes since the credit example, so its notes appear there too.
    const frameworks = ["--framework", "nist-ai-rmf", "--framework", "eu-ai-act"];
    const inputs = [[join(EXAMPLES, "credit-scoring.yaml")], [join(EXAMPLES, "clinical-triage.yaml")], [hostile, "--previous", join(EXAMPLES, "credit-scoring.yaml")], [join(EXAMPLES, "road-defect-detection.yaml"), ...frameworks]];
    const files = [];
    for (const [i, input] of inputs.entries()) {
      const out = join(dir, `report-${i}.html`);
      expect((await runInProcess(["report", ...input, "--format", "html", "-o", out])).code).toBe(0);
      files.push(out);
    }
    const r = spawnSync("java", [...QUICK_JVM, "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], { encoding: "utf8", timeout: 120_000 });
    const messages = (JSON.parse(r.stderr) as { messages: VnuMessage[] }).messages;
    expect(messages.map((m) => `${m.url}:${m.lastLine}: ${m.type} ${m.message}`)).toEqual([]);
    expect(r.status).toBe(0);
  }));

  it("would report an invalid document (the checker is really checking)", () => withTempDir((dir) => {
    const file = join(dir, "broken.html");
    writeFileSync(file, "<!DOCTYPE html><html lang=en><title>x</title><table><div>not here</div></table><p id=a id=a>");
    const r = spawnSync("java", [...QUICK_JVM, "-jar", VNU_JAR, "--errors-only", "--format", "json", file], { encoding: "utf8", timeout: 120_000 });
    expect(r.status).not.toBe(0);
    expect((JSON.parse(r.stderr) as { messages: VnuMessage[] }).messages.length).toBeGreaterThan(0);
  }));
});
