import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { describeNeeding, hasChromium, launchChromium, seriousViolations } from "../helpers/browser.js";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const hasJava = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;

/** The example's card, and a card of the small level pack with no history and hostile text, written to `dir`. */
async function writeCards(dir: string): Promise<string[]> {
  const inputs = [[join(EXAMPLES, "mltrl-anomaly-detector.yaml")], [join(FIXTURES, "level-pack", "at-level-1.yaml"), "--pack", join(FIXTURES, "level-pack", "pack")]];
  const files: string[] = [];
  for (const [i, input] of inputs.entries()) {
    const out = join(dir, `card-${i}.html`);
    const r = await runInProcess(["report", ...input, "--format", "html", "-o", out]);
    if (r.code !== 0) throw new Error(r.stderr);
    files.push(out);
  }
  return files;
}

describeNeeding("Java (for the W3C Nu Html Checker)", hasJava, "apt-get install -y default-jre-headless")("TRL card validity", () => {
  it("passes the W3C Nu Html Checker with no errors", () => withTempDir(async (dir) => {
    const files = await writeCards(dir);
    const r = spawnSync("java", ["-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], { encoding: "utf8", timeout: 120_000 });
    const messages = (JSON.parse(r.stderr) as { messages: { url: string; lastLine?: number; type: string; message: string }[] }).messages;
    expect(messages.map((m) => `${m.url}:${m.lastLine}: ${m.type} ${m.message}`)).toEqual([]);
    expect(r.status).toBe(0);
  }), 120_000);
});

describeNeeding("Chromium", hasChromium, "apt-get install -y chromium")("TRL card in Chromium", () => {
  it("has no serious or critical accessibility violations (axe-core), and runs no script", () => withTempDir(async (dir) => {
    const files = await writeCards(dir);
    const browser = await launchChromium();
    try {
      for (const file of files) {
        const context = await browser.newContext({ bypassCSP: true });
        const page = await context.newPage();
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        expect(await page.evaluate(() => document.scripts.length)).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        // The level bar says each level's state in words, not by colour alone.
        const cells = await page.locator("ol.level-cells li").allTextContents();
        expect(cells.some((t) => t.includes("current level"))).toBe(true);
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }), 60_000);
});
