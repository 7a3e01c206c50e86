import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { describe } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";

/** Debian's Chromium, installed by .ci/run; never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** Launches headless Chromium; Playwright gives each launch a fresh temporary user-data-dir. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A describe block that needs a program on this machine: run it when the program is there; when it
 * is not, run it anyway in CI (so it fails rather than passing unseen), and elsewhere skip it with
 * a notice on the console.
 */
export function describeNeeding(what: string, present: boolean, install: string): typeof describe | typeof describe.skip {
  if (present || process.env.CI) return describe;
  console.warn(`\n⚠ Skipping tests that need ${what}: it is not installed here (CI installs it; locally: ${install}).\n`);
  return describe.skip;
}

export const hasChromium = existsSync(CHROMIUM);

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** The serious and critical accessibility violations axe-core finds on a page (its CSP must let the script in). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; nodes: number }[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}
