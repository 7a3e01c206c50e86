import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describeNeeding, hasChromium, launchChromium, seriousViolations } from "../helpers/browser.js";
import { FIXTURES, REPO, runInProcess } from "../helpers/run.js";

const ARTEFACTS = join(REPO, "test-results");

interface Seen {
  requests: string[];
  console: string[];
  dialogs: string[];
  errors: string[];
}

describeNeeding("Chromium", hasChromium, "apt-get install -y chromium")("HTML report in Chromium", () => {
  let browser: Browser;
  let dir: string;
  const reports: Record<"credit" | "hostile" | "frameworks", string> = { credit: "", hostile: "", frameworks: "" };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "rml-assess-browser-"));
    // The hostile report also shows its changes since the credit example, so its notes appear there too.
    const credit = join(REPO, "examples", "credit-scoring.yaml");
    // The signed example with two frameworks: the filled sign-off, the coverage summaries and the appendix of mappings.
    const signed = join(REPO, "examples", "road-defect-detection.yaml");
    const inputs = { credit: [credit], hostile: [join(FIXTURES, "hostile-answers", "rml-assessment.yaml"), "--previous", credit], frameworks: [signed, "--framework", "nist-ai-rmf", "--framework", "eu-ai-act"] };
    for (const [name, input] of Object.entries(inputs) as [keyof typeof reports, string[]][]) {
      const out = join(dir, `${name}.html`);
      const r = await runInProcess(["report", ...input, "--format", "html", "-o", out]);
      if (r.code !== 0) throw new Error(r.stderr);
      reports[name] = pathToFileURL(out).href;
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a report, recording every request, console message, dialog and page error; anything but the file itself is aborted. */
  async function open(url: string, opts: { bypassCSP?: boolean } = {}): Promise<{ page: Page; seen: Seen }> {
    const context = await browser.newContext({ bypassCSP: opts.bypassCSP ?? false, viewport: { width: 1200, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const seen: Seen = { requests: [], console: [], dialogs: [], errors: [] };
    page.on("request", (r) => void seen.requests.push(r.url()));
    page.on("console", (m) => void seen.console.push(`${m.type()}: ${m.text()}`));
    page.on("dialog", (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => void seen.errors.push(e.message));
    await context.route("**/*", (route) => (route.request().url() === url ? route.continue() : route.abort()));
    await page.goto(url, { waitUntil: "load" });
    return { page, seen };
  }

  it("opens from a file:// URL with no console message, no script and no request but the document itself", async () => {
    const { page, seen } = await open(reports.credit);
    expect(await page.title()).toBe("Responsible ML assessment: Retail credit limit scoring");
    expect(await page.locator("h1").textContent()).toBe("Retail credit limit scoring");
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    expect(seen).toEqual({ requests: [reports.credit], console: [], dialogs: [], errors: [] });
  });

  it("has a Content-Security-Policy that blocks scripts and remote loads added later", async () => {
    const { page, seen } = await open(reports.credit);
    const ran = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.__ran = true";
      document.head.append(script);
      const image = document.createElement("img");
      image.src = "https://example.org/pixel.png";
      image.alt = "";
      document.body.append(image);
      return (window as unknown as { __ran?: boolean }).__ran ?? false;
    });
    expect(ran).toBe(false);
    const console = seen.console.join("\n");
    expect(console).toMatch(/Executing inline script violates the following Content Security Policy directive 'default-src 'none''/);
    expect(console).toMatch(/Loading the image 'https:\/\/example.org\/pixel.png' violates the following Content Security Policy directive: "img-src data:"/);
  });

  it("runs nothing a team typed into its answers, even with the CSP switched off", async () => {
    const { page, seen } = await open(reports.hostile, { bypassCSP: true });
    // Give any injected handler its chance: every element is moused over, focused and clicked
    // (links do not navigate away, but their handlers would still run).
    await page.evaluate(() => {
      document.addEventListener("click", (e) => e.preventDefault(), { capture: true });
      for (const el of document.querySelectorAll("*")) {
        for (const type of ["mouseover", "mouseenter", "focus", "click"]) el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
      }
    });
    const dom = await page.evaluate(() => ({
      scripts: document.querySelectorAll("script, iframe, object, embed, form, base, img").length,
      handlers: [...document.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      protocols: [...new Set([...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).protocol))].sort(),
      bodyDisplay: getComputedStyle(document.body).display,
      baseURI: document.baseURI,
      title: document.title,
      text: document.body.innerText,
    }));
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.console).toEqual([]);
    expect(seen.requests).toEqual([reports.hostile]);
    expect(dom.scripts).toBe(0);
    expect(dom.handlers).toEqual([]);
    expect(dom.protocols).toEqual(["file:", "https:"]);
    expect(dom.bodyDisplay).toBe("block");
    expect(dom.baseURI).toBe(reports.hostile);
    // The payloads are shown, as text.
    expect(dom.title).toBe("Responsible ML assessment: Evil <script>alert('name')</script> | model");
    expect(dom.text).toContain("<script>alert('notes')</script>");
    expect(dom.text).toContain("javascript:alert('evidence')");
    expect(dom.text).toContain("\"><svg onload=alert('owner')>");
  });

  it("has no serious or critical accessibility violations (axe-core)", async () => {
    for (const url of [reports.credit, reports.hostile, reports.frameworks]) {
      const { page } = await open(url, { bypassCSP: true });
      expect(await seriousViolations(page), url).toEqual([]);
    }
  }, 90_000); // axe-core over two whole reports: past 30 s on a loaded machine

  it("draws the radar chart with one axis per principle and its polygon following the scores in the table", async () => {
    const { page } = await open(reports.hostile);
    const chart = await page.evaluate(() => {
      const svg = document.querySelector("svg.radar")!;
      const num = (el: Element, a: string) => Number(el.getAttribute(a));
      const axes = [...svg.querySelectorAll(".axes line")].map((l) => ({ x1: num(l, "x1"), y1: num(l, "y1"), x2: num(l, "x2"), y2: num(l, "y2"), missing: l.classList.contains("missing") }));
      const polygon = svg.querySelector("polygon.area")!.getAttribute("points")!.split(" ").map((p) => p.split(",").map(Number));
      const labelled = svg.getAttribute("aria-labelledby")!.split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
      const table = [...document.querySelectorAll("table.scores tbody tr")].map((tr) => tr.querySelector(".score")!.textContent!.trim());
      return { role: svg.getAttribute("role"), labelled, axes, polygon, table };
    });
    expect(chart.role).toBe("img");
    expect(chart.labelled[0]).toBe("Radar chart of the principle scores");
    expect(chart.labelled[1]).toMatch(/^Scores out of 100: 1\. Human augmentation \d+; 2\./);
    expect(chart.axes).toHaveLength(8);
    expect(chart.table).toHaveLength(8);
    expect(chart.polygon).toHaveLength(8);
    for (const [i, axis] of chart.axes.entries()) {
      const radius = Math.hypot(axis.x2 - axis.x1, axis.y2 - axis.y1);
      const [x, y] = chart.polygon[i]!;
      const drawn = (100 * Math.hypot(x! - axis.x1, y! - axis.y1)) / radius;
      const score = chart.table[i] === "–" ? 0 : Number(chart.table[i]);
      expect(drawn).toBeCloseTo(score, 0);
      expect(axis.missing).toBe(chart.table[i] === "–");
    }
    expect(chart.axes.filter((a) => a.missing)).toHaveLength(1);
  });

  it("prints to an A4 PDF, with badges that carry words, and saves the PDF and a screenshot of its first screen as artefacts", async () => {
    const { page } = await open(reports.credit);
    await page.emulateMedia({ media: "print" });
    const print = await page.evaluate(() => ({
      badges: [...new Set([...document.querySelectorAll(".badge")].map((b) => b.textContent!.trim()))].sort(),
      principleBreak: [...document.querySelectorAll(".principle")].map((p) => getComputedStyle(p).breakBefore),
    }));
    expect(print.badges).toEqual(["No", "Not applicable", "Partially", "Unanswered", "Yes"]);
    // Principles flow on without forced page breaks (rows and cards are kept whole instead).
    expect(print.principleBreak).toEqual(Array(8).fill("auto"));
    // The stylesheet leaves the paper size to the printer (A4 or Letter): this prints on A4.
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    const pages = text.match(/\/Type\s*\/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThan(8);
    const [, w, h] = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/) ?? [];
    // A4 is 210 × 297 mm: 595 × 842 points.
    expect(Number(w)).toBeCloseTo(595, -1);
    expect(Number(h)).toBeCloseTo(842, -1);
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, "html-report.pdf"), pdf);
    // The first screen as a reader sees it (the whole report is in the PDF; a full-page picture took
    // twice as long as the PDF to encode, 5 MB, and showed nothing the PDF does not).
    await page.emulateMedia({ media: "screen" });
    const png = await page.screenshot({ path: join(ARTEFACTS, "html-report.png") });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1200);
  }, 90_000); // a PDF of the whole report: past 30 s on a loaded machine
});
