import { TOOL } from "./version.js";

/**
 * The bundle's entry: runs the CLI on this process's arguments and IO, returning the exit code.
 * `--version` alone is answered here, before the command-line library is even loaded.
 */
export async function run(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${TOOL.version}\n`);
    return 0;
  }
  const [{ main }, { processIo }] = await Promise.all([import("./main.js"), import("./io/io.js")]);
  return main(argv, processIo());
}
