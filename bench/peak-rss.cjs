// Preloaded into a spawned rml-assess (NODE_OPTIONS=--require) by the bench and tests that watch its memory:
// at exit, writes the process's peak resident memory in kB (all threads) to RML_ASSESS_TEST_PEAK_RSS.
"use strict";
const file = process.env.RML_ASSESS_TEST_PEAK_RSS;
if (file && require("node:worker_threads").isMainThread) {
  process.on("exit", () => require("node:fs").writeFileSync(file, String(process.resourceUsage().maxRSS)));
}
