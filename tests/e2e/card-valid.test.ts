import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeNeeding, hasChromium, launchChromium, seriousViolations } from "../helpers/browser.js";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";
import { QUICK_JVM } from "../helpers/validate.js";

const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const hasJava = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;
const hasPoppler = existsSync("/usr/bin/pdfinfo");
const LEVEL_PACK = ["--pack", join(FIXTURES, "level-pack", "pack")];

/**
 * The example's card (a draft), a card of the small level pack with no history, and a final signed
 * card whose names carry markup, written to `dir`; the example's first.
 */
async function writeCards(dir: string): Promise<string[]> {
  const inputs = [
    [join(EXAMPLES, "mltrl-anomaly-detector.yaml")],
    [join(FIXTURES, "level-pack", "at-level-1.yaml"), ...LEVEL_PACK],
    [join(FIXTURES, "level-pack", "signed-final.yaml"), ...LEVEL_PACK],
  ];
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
  it("passes the W3C Nu Html Checker with no errors, draft and signed", () => withTempDir(async (dir) => {
    const files = await writeCards(dir);
    const r = spawnSync("java", [...QUICK_JVM, "-jar", VNU_JAR, "--errors-only", "--format", "json", ...files], { encoding: "utf8", timeout: 120_000 });
    const messages = (JSON.parse(r.stderr) as { messages: { url: string; lastLine?: number; type: string; message: string }[] }).messages;
    expect(messages.map((m) => `${m.url}:${m.lastLine}: ${m.type} ${m.message}`)).toEqual([]);
    expect(r.status).toBe(0);
  }), 120_000);
});

describeNeeding("Chromium and poppler-utils", hasChromium && hasPoppler, "apt-get install -y chromium poppler-utils")("TRL card in Chromium", () => {
  let browser: Browser;
  let dir: string;
  let files: string[];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rml-assess-card-"));
    files = await writeCards(dir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has no serious or critical accessibility violations (axe-core), and runs no script", async () => {
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
  }, 60_000);

  it("prints the example on at most 4 A4 pages (Chromium's PDF, counted by pdfinfo), its draft marked on every page", async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(files[0]!).href, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    // The DRAFT mark is fixed to the page, so print repeats it on each sheet.
    expect(await page.evaluate(() => getComputedStyle(document.body, "::before").content)).toBe('"DRAFT"');
    expect(await page.evaluate(() => getComputedStyle(document.body, "::before").position)).toBe("fixed");
    const pdf = join(dir, "card.pdf");
    await page.pdf({ path: pdf, format: "A4" });
    await page.close();
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(/Page size:\s+595(\.\d+)? x 842/.test(info)).toBe(true);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    // Every block reached the paper: the level, the sign-off and the fingerprint are in the PDF's text.
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const block of ["At readiness level 4 of 9", "Gate to level 5", "History", "Sign-off", "Reviewed and approved", "Fingerprint and provenance", "Level pack mltrl"]) expect(text).toContain(block);
  }, 60_000);
});
