#!/usr/bin/env node
// The rml-assess command: turns on Node's compile cache, answers --version itself, and loads the
// built CLI (dist/rml-assess.cjs, made by `npm run build`). Only this file sets the exit code.
"use strict";

const args = process.argv.slice(2);

if (args.length === 1 && (args[0] === "--version" || args[0] === "-v")) {
  // Answered before the CLI is loaded: `--version` costs little more than Node's own start.
  try {
    require("node:fs").writeSync(1, `${require("../package.json").version}\n`);
  } catch (error) {
    // A reader that has already gone (`rml-assess --version | true`) is not an error; a full disk
    // or quota is the environment's (exit 2, one plain line), never a stack trace.
    if (error.code !== "EPIPE") {
      if (!["ENOSPC", "EDQUOT", "EFBIG"].includes(error.code)) throw error;
      try {
        require("node:fs").writeSync(2, `error: cannot write the version to standard output (${error.code || error.message})\n`);
      } catch {
        // Standard error is gone too: the exit code says it.
      }
      process.exitCode = 2;
    }
  }
} else {
  // Node 22.1+ keeps the compiled code of the bundles in its own checksummed cache: in
  // NODE_COMPILE_CACHE if set, else in a directory only this user can write (bin/compile-cache.cjs),
  // else none. NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node 20 has no compile cache.
  require("./compile-cache.cjs").enablePrivateCompileCache();
  // Stack traces of --debug name the src/ files and lines, through the source maps beside the bundles.
  if (args.includes("--debug") || process.env.DEBUG) process.setSourceMapsEnabled(true);
  require("../dist/rml-assess.cjs")
    .run(args)
    .then((code) => {
      process.exitCode = code;
    });
}
