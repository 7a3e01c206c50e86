import { join } from "node:path";

// The installed package's root (where principles/, templates/ and schema/ live): one level above
// this file, whether it runs from src/ (tests) or from the bundles in dist/ (where the build
// defines import.meta.dirname as the bundle's __dirname).
export const PACKAGE_ROOT = join(import.meta.dirname, "..");
export const BUILTIN_PACK_DIR = join(PACKAGE_ROOT, "principles");
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");
export const SCHEMA_DIR = join(PACKAGE_ROOT, "schema");
/** The built-in pack, parsed and validated at build time (scripts/build.mjs). */
export const BUILTIN_PACK_JSON = join(PACKAGE_ROOT, "dist", "builtin-pack.json");
/**
 * Every built-in pack by id: its directory, and its JSON parsed at build time. The first is the
 * default; `--pack NAME` and an answers file's `pack: NAME` select the others.
 */
export const BUILTIN_PACKS: Record<string, { dir: string; json: string }> = {
  "responsible-ml": { dir: BUILTIN_PACK_DIR, json: BUILTIN_PACK_JSON },
  mltrl: { dir: join(PACKAGE_ROOT, "packs", "mltrl"), json: join(PACKAGE_ROOT, "dist", "builtin-mltrl.json") },
};
/** The worker thread that parses answers files for large `check` runs (built by scripts/build.mjs). */
export const ANSWERS_WORKER = join(PACKAGE_ROOT, "dist", "answers-worker.cjs");
/** The config file `check` looks for in the working directory. */
export const CONFIG_FILE = ".rml-assess.yaml";
