import { existsSync } from "node:fs";
import { describe } from "vitest";
import { chromium, type Browser } from "playwright-core";

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
