import { resolve } from "node:path";
import type { CheckContext, FileSummary } from "../formats/document.js";
import { capSummary, githubSummary, MAX_SUMMARY_ROWS, SUMMARY_LIMIT } from "../formats/github-summary.js";
import type { Io } from "../io/io.js";
import { appendFileAtomic } from "../io/write.js";

/** A file's summary with no findings kept: one array for all of them. */
const NO_FINDINGS: FileSummary["findings"] = [];

/**
 * GitHub's step summary of a `check --format github` run (GITHUB_STEP_SUMMARY): the one output that
 * lists every file, so the run keeps a row per file for it, with the findings of the first files
 * only (the summary shows MAX_SUMMARY_ROWS of them).
 */
export class StepSummary {
  private readonly rows: FileSummary[] = [];
  private findings = 0;

  private constructor(private readonly target: string) {}

  /** The step summary a run appends to, or null when there is none (another format, or not on GitHub). */
  static of(format: string, io: Io): StepSummary | null {
    const target = format === "github" ? io.env.GITHUB_STEP_SUMMARY : undefined;
    return target ? new StepSummary(target) : null;
  }

  /** Whether the next file's findings would still be shown (so worth keeping in its summary). */
  get wantsFindings(): boolean {
    return this.findings < MAX_SUMMARY_ROWS;
  }

  add(summary: FileSummary): void {
    if (!this.wantsFindings || !summary.findings.length) summary.findings = NO_FINDINGS;
    this.rows.push(summary);
    this.findings += summary.errors + summary.warnings;
  }

  /** Appends the run's markdown summary, under GitHub's size limit; a failure there only warns. */
  append(context: CheckContext, io: Io): void {
    try {
      // One O_APPEND write, so parallel checks each keep their summary; cut to the room GitHub leaves.
      appendFileAtomic(resolve(io.cwd, this.target), "", (size) => capSummary(githubSummary(this.rows, context), SUMMARY_LIMIT - size));
    } catch (error) {
      io.stderr(`warning: cannot append the summary to GITHUB_STEP_SUMMARY (${this.target}): ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    }
  }
}
