import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeNeeding, hasChromium, launchChromium, seriousViolations } from "../helpers/browser.js";
import { EXAMPLES, FIXTURES, runInProcess } from "../helpers/run.js";
import { QUICK_JVM } from "../helpers/validate.js";

const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const hasJava = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;
const PACK = join(FIXTURES, "crosswalk-pack");

/** The crosswalk page of the built-in frameworks, and reports with coverage sections (one with markup in its name), written to `dir`. */
async function pages(dir: string): Promise<string[]> {
  const credit = join(EXAMPLES, "credit-scoring.yaml");
  const runs = [
    ["crosswalk", credit, "--framework", "nist-ai-rmf,eu-ai-act,iso-42001"],
    ["report", credit, "--framework", "nist-ai-rmf,eu-ai-act,iso-42001"],
    ["crosswalk", join(FIXTURES, "crosswalk-answers", "mixed.yaml"), "--pack", PACK, "--framework", "demo-framework,second-framework"],
    ["report", join(FIXTURES, "crosswalk-answers", "mixed.yaml"), "--pack", PACK, "--framework", "demo-framework,second-framework"],
  ];
  const files: string[] = [];
  for (const [i, args] of runs.entries()) {
    const out = join(dir, `page-${i}.html`);
    const r = await runInProcess([...args, "--format", "html", "-o", out]);
    if (r.code !== 0) throw new Error(r.stderr);
    files.push(out);
  }
  return files;
}

// The pages are written once for the file: the checker and the browser read the same ones.
let dir = "";
let files: string[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rml-assess-crosswalk-html-"));
  files = await pages(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeNeeding("Java (for the W3C Nu Html Checker)", hasJava, "apt-get install -y default-jre-headless")("crosswalk HTML validity", () => {
  it("the crosswalk page and reports with coverage pass the W3C Nu Html Checker", () => {
    const r = spawnSync("java", [...QUICK_JVM, "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], { encoding: "utf8", timeout: 180_000 });
    const messages = (JSON.parse(r.stderr) as { messages: { url: string; lastLine?: number; type: string; message: string }[] }).messages;
    expect(messages.map((m) => `${m.url}:${m.lastLine}: ${m.type} ${m.message}`)).toEqual([]);
    expect(r.status).toBe(0);
  }, 180_000);
});

describeNeeding("Chromium", hasChromium, "apt-get install -y chromium")("crosswalk HTML in Chromium", () => {
  it("has no serious or critical accessibility violations (axe-core), and loads nothing but itself", async () => {
    const browser = await launchChromium();
    try {
      // The credit report with coverage (files[1]) is the report template with its coverage sections,
      // which report-browser.test.ts runs axe over (the signed example with two frameworks); the Nu
      // checker above still reads it. Its markup-named twin (files[3]) is read here.
      for (const path of files.filter((_, i) => i !== 1)) {
        const url = pathToFileURL(path).href;
        const context = await browser.newContext({ bypassCSP: true });
        const page = await context.newPage();
        const requests: string[] = [];
        page.on("request", (r) => void requests.push(r.url()));
        await page.goto(url, { waitUntil: "load" });
        expect(requests).toEqual([url]);
        expect(await seriousViolations(page), path).toEqual([]);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }, 180_000);
});
