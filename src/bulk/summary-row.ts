import { summaryRow, type SummaryRow } from "../core/summary.js";
import type { Answers, Pack } from "../core/types.js";
import { checkAnswers, type FileRules } from "./check-file.js";

/**
 * What a summary row needs besides the file: the day ages count to, the maximum age, and the rules
 * `check` would judge the file's pack by (with the sign-off dated, `signOffState`). `judged` is false
 * when the config could not be read: rows then say no verdict rather than a pass. `allowed` lists the
 * packs the config's `packs:` allows (null: any), as check fails a file of another pack (PACK_MISMATCH).
 */
export interface RowJob {
  today: string;
  maxAgeDays: number;
  rules: FileRules;
  judged: boolean;
  allowed: string[] | null;
}

/** A file's summary row, judged as `check` judges it under the same config, on whichever thread reads the file. */
export async function judgedRow(pack: Pack, answers: Answers, job: RowJob): Promise<SummaryRow> {
  const result = await checkAnswers(pack, answers, job.rules, () => job.today);
  // A pack the policy does not allow fails as PACK_MISMATCH, and is judged by nothing else; its
  // sign-off, a fact about the file, is said all the same (as check's result says it).
  const allowed = job.allowed === null || job.allowed.includes(pack.id);
  const verdict = !job.judged ? null : allowed && result.passed ? "pass" : "fail";
  return summaryRow(result.assessment, job.today, job.maxAgeDays, { verdict, signedOff: result.signedOff ?? null });
}
