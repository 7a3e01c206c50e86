import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The built binary keeps a code cache (src/boot.ts). Tests give it a directory of their own, made
 * fresh for the run, so they exercise the cache without touching the user's ~/.cache.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "rml-assess-cache-"));
  process.env.RML_ASSESS_CACHE_DIR = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
