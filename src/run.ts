import { processIo } from "./io/io.js";
import { main } from "./main.js";

/** The bundle's entry: runs the CLI on this process's arguments and IO, returning the exit code. */
export function run(): Promise<number> {
  return main(process.argv.slice(2), processIo());
}
