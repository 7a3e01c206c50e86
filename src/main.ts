import { CommanderError } from "commander";
import { EXIT, formatDiagnostic, InputError, UsageError } from "./errors.js";
import { buildCli } from "./cli.js";
import type { Io } from "./io/io.js";
import { ENVIRONMENT_ERRORS, reasonFor } from "./io/errno.js";
import { terminalSafe, visible } from "./io/terminal.js";
import { forgetGitConfig } from "./io/git-run.js";
import { forgetReads } from "./io/read-set.js";

/**
 * Runs the CLI and returns its exit code. The one place that catches: known errors print one
 * located line each and a hint; anything unexpected asks for a bug report (stack with --debug).
 */
export async function main(argv: string[], io: Io): Promise<number> {
  forgetReads();
  forgetGitConfig();
  const debug = argv.includes("--debug") || Boolean(io.env.DEBUG);
  try {
    const result = { code: EXIT.ok as number };
    const args = argv.filter((a) => a !== "--debug");
    // No arguments asks for nothing wrong: print the help and succeed, as most tools do.
    if (!args.length) {
      buildCli(io, result).outputHelp();
      return EXIT.ok;
    }
    await buildCli(io, result).parseAsync(args, { from: "user" });
    return result.code;
  } catch (error) {
    // Loaded only when something is printed, so --version and --help stay light.
    const c = await (await import("./io/color.js")).colorFor(io.env, () => io.stderrIsTTY);
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; its usage errors are already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    }
    if (error instanceof InputError) {
      // Diagnostics quote user text (ids, values, file names): nothing in them may act on the terminal.
      // A file's name shows its invisible characters as \u escapes, so two look-alike names differ.
      for (const d of error.diagnostics) io.stderr(`${c.red(terminalSafe(formatDiagnostic({ ...d, file: visible(d.file, Infinity), hint: undefined })))}${d.hint ? c.dim(` (${terminalSafe(d.hint)})`) : ""}\n`);
      const n = error.diagnostics.length;
      const outcome = error.reported ? `${n === 1 ? "it is" : "they are"} also in the output` : "nothing was written";
      io.stderr(`${c.red("✖")} ${n} problem${n === 1 ? "" : "s"} in the input; ${outcome}.\n`);
      return EXIT.input;
    }
    if (error instanceof UsageError) {
      io.stderr(`${c.red("error:")} ${terminalSafe(error.message)}\n${error.hint ? `${c.dim(terminalSafe(error.hint))}\n` : ""}`);
      return EXIT.input;
    }
    const e = error as Error;
    if (ENVIRONMENT_ERRORS.has((error as NodeJS.ErrnoException)?.code ?? "")) {
      // A full disk or a used-up quota is the environment's state, not a bug: say so plainly.
      io.stderr(`${c.red("error:")} ${terminalSafe(reasonFor(error))} (${terminalSafe(e.message.split("\n")[0] ?? "")})\n${c.dim("free some space or choose another place to write, then run it again")}\n`);
      return EXIT.input;
    }
    io.stderr(`${c.red("rml-assess: unexpected error:")} ${terminalSafe(e?.message ?? String(error))}\n`);
    io.stderr(debug ? `${e?.stack ?? ""}\n` : "This is a bug in rml-assess; please report it with the command you ran (add --debug for details).\n");
    return EXIT.input;
  }
}
