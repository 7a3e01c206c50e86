#!/usr/bin/env node
// Thin launcher: dist/boot.cjs loads the bundled CLI (through a V8 code cache) and runs it.
"use strict";
require("../dist/boot.cjs").boot().then((code) => {
  process.exitCode = code;
});
