import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The built binary turns on Node's compile cache (bin/rml-assess.cjs). Tests give it a directory of
 * their own (NODE_COMPILE_CACHE, passed by tests/helpers/run.ts), made fresh for the run, so they
 * exercise the cache without writing to the one shared by every Node program on the machine.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), "rml-assess-compile-cache-"));
  process.env.RML_ASSESS_TEST_COMPILE_CACHE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
