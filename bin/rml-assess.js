#!/usr/bin/env node
// Thin launcher. Where Node has it (22.1+), V8's on-disk compile cache is switched on first, so
// repeated runs skip compiling the bundle; then the built CLI runs.
import module from "node:module";

module.enableCompileCache?.();
const { run } = await import("../dist/rml-assess.js");
process.exitCode = await run();
