import { EXIT, InputError, type Diagnostic } from "../errors.js";
import { findings as policyFindings, passes, DEFAULT_POLICY } from "../core/findings.js";
import { score } from "../core/score.js";
import type { CheckResult, Policy } from "../core/types.js";
import { checkFormats } from "../formats/index.js";
import { colorFor } from "../io/color.js";
import type { Io } from "../io/io.js";
import { answersFor, packFor } from "./inputs.js";

export interface CheckOptions {
  minScore?: number;
  minPrincipleScore?: number;
  allowUnanswered?: boolean;
  format: string;
  pack?: string;
}

/** `check`: validates and scores every file, prints one document, exits with the worst outcome. */
export async function checkCommand(files: string[], opts: CheckOptions, io: Io): Promise<number> {
  const pack = packFor(opts, io);
  const policy: Policy = {
    ...DEFAULT_POLICY,
    minScore: opts.minScore ?? null,
    minPrincipleScore: opts.minPrincipleScore ?? null,
    allowUnanswered: Boolean(opts.allowUnanswered),
  };
  const results: CheckResult[] = [];
  const invalid: Diagnostic[] = [];
  for (const file of files) {
    try {
      const assessment = score(pack, answersFor(file, pack, io));
      const found = policyFindings(assessment, policy);
      results.push({ assessment, findings: found, passed: passes(found) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      invalid.push(...error.diagnostics);
    }
  }
  // Invalid input outranks a failed policy: report every broken file, then exit 2.
  if (invalid.length) throw new InputError(invalid);
  io.stdout(checkFormats[opts.format]!(results, colorFor(io.env, io.stdoutIsTTY)));
  return results.every((r) => r.passed) ? EXIT.ok : EXIT.policy;
}
