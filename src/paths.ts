import { join } from "node:path";
import { BUILTIN_PACK_LIST } from "./generated/packs.js";

// The installed package's root (where principles/, templates/ and schema/ live): one level above
// this file, whether it runs from src/ (tests) or from the bundles in dist/ (where the build
// defines import.meta.dirname as the bundle's __dirname).
export const PACKAGE_ROOT = join(import.meta.dirname, "..");
export const BUILTIN_PACK_DIR = join(PACKAGE_ROOT, "principles");
export const TEMPLATES_DIR = join(PACKAGE_ROOT, "templates");
export const SCHEMA_DIR = join(PACKAGE_ROOT, "schema");
/**
 * Every built-in pack by id: its directory, and its JSON parsed at build time. The build finds them
 * (principles/, then each folder of packs/) and lists them in src/generated/packs.js. The first is
 * the default; `--pack NAME` and an answers file's `pack: NAME` select the others.
 */
export const BUILTIN_PACKS: Record<string, { dir: string; json: string }> = Object.fromEntries(
  BUILTIN_PACK_LIST.map(({ id, folder, json }) => [id, { dir: join(PACKAGE_ROOT, folder), json: join(PACKAGE_ROOT, "dist", json) }]),
);
/** The worker thread that parses answers files for large `check` runs (built by scripts/build.mjs). */
export const ANSWERS_WORKER = join(PACKAGE_ROOT, "dist", "answers-worker.cjs");
/** The config file `check` looks for in the working directory. */
export const CONFIG_FILE = ".rml-assess.yaml";
