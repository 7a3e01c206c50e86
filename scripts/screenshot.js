#!/usr/bin/env node
// Makes docs/report.png, the README's picture of the HTML report: renders an example with the built
// CLI (npm run build first; `npm run docs:screenshot` does both) and photographs its summary in
// Debian's Chromium. Usage: node scripts/screenshot.js [answers.yaml] [out.png]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

const answers = resolve(process.argv[2] ?? join(REPO, "examples", "credit-scoring.yaml"));
const out = resolve(process.argv[3] ?? join(REPO, "docs", "report.png"));
const dir = mkdtempSync(join(tmpdir(), "rml-assess-screenshot-"));
try {
  const html = join(dir, "report.html");
  // A fixed "generated" time, so the picture changes only when the report does.
  const r = spawnSync(process.execPath, [join(REPO, "bin", "rml-assess.cjs"), "report", answers, "--format", "html", "-o", html], {
    env: { ...process.env, SOURCE_DATE_EPOCH: "1794960000" }, encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`rml-assess report failed:\n${r.stderr}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(html).href);
    // The first screen an auditor sees: metadata, score, chart and the principle scores.
    const summary = await page.locator(".summary").boundingBox();
    if (!summary) throw new Error("the report has no summary section");
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1100, height: Math.ceil(summary.y + summary.height + 24) } });
  } finally {
    await browser.close();
  }
  console.log(`Wrote ${out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
