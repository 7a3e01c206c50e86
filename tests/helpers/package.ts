import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./run.js";

/**
 * Packs the built tree as `npm pack` does for a release (the build is `npm test`'s first step) and
 * returns the tarball's path in `dir`.
 */
export function packTarball(dir: string): string {
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [packed] = JSON.parse(out) as { filename: string }[];
  return join(dir, packed!.filename);
}

/**
 * npm's settings for installing in tests: the user's cache, used before the registry (a fresh
 * machine's `npm ci` filled it), and nothing printed that is not about the install.
 */
export const NPM_ENV: Record<string, string> = {
  npm_config_prefer_offline: "true",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};
