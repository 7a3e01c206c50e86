import type { Io } from "./io.js";

/** A launcher in a project's node_modules/.bin (npx, npm scripts), or the package itself inside a project's node_modules. */
const LOCAL_BIN = /[\\/]node_modules[\\/]\.bin[\\/]/;
const LOCAL_PACKAGE = /[\\/]node_modules[\\/]rml-assess[\\/]/;
/** npm's global install on Unix: <prefix>/lib/node_modules/rml-assess. */
const GLOBAL_PACKAGE = /[\\/]lib[\\/]node_modules[\\/]rml-assess[\\/]/;

/**
 * The command as the user types it, for every next-step hint: `npx rml-assess` when the tool runs
 * from a project's own install (node_modules/.bin, as npx and npm scripts start it, or npm's
 * npm_command / npm_lifecycle_event set), where `rml-assess` alone is not on the PATH; else
 * `rml-assess` (installed globally, or run from a checkout).
 */
export function commandName(io: Pick<Io, "env" | "launcher">): string {
  const launcher = io.launcher ?? "";
  const local = LOCAL_BIN.test(launcher) || (LOCAL_PACKAGE.test(launcher) && !GLOBAL_PACKAGE.test(launcher));
  const npm = io.env.npm_command === "exec" || Boolean(io.env.npm_lifecycle_event);
  return local || npm ? "npx rml-assess" : "rml-assess";
}
