import { fileURLToPath } from "node:url";

/** The installed package's root (where principles/, templates/ and schema/ live), from dist/. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const BUILTIN_PACK_DIR = fileURLToPath(new URL("../principles/", import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL("../templates/", import.meta.url));
export const SCHEMA_DIR = fileURLToPath(new URL("../schema/", import.meta.url));
/** The built-in pack, parsed and validated at build time (scripts/build.mjs). */
export const BUILTIN_PACK_JSON = fileURLToPath(new URL("../dist/builtin-pack.json", import.meta.url));
/** The worker thread that parses answers files for large `check` runs (built by scripts/build.mjs). */
export const ANSWERS_WORKER = new URL("../dist/answers-worker.js", import.meta.url);
/** The config file `check` looks for in the working directory. */
export const CONFIG_FILE = ".rml-assess.yaml";
