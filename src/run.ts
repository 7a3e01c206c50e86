import { processIo } from "./io/io.js";
import { main } from "./main.js";

/** The bundle's entry (dist/rml-assess.cjs, required by bin/rml-assess.cjs): runs the CLI on the real process's IO. */
export function run(argv: string[]): Promise<number> {
  return main(argv, processIo());
}
