import type { ChalkInstance } from "chalk";
import type { Pack } from "../core/types.js";
import type { CheckResult, Finding, Policy } from "../core/verdict.js";
import type { Diagnostic } from "../errors.js";
import { invalidFiles } from "./invalid.js";
import { systemLevels, type ComponentLevel, type SystemLevel } from "../core/systems.js";
import type { Skipped } from "../io/discover.js";

/** What a `check` format may need besides the results; formats read no clock and no environment. */
export interface CheckContext {
  pack: Pack;
  policy: Policy;
  /** Problems of the files that could not be checked (invalid input), for the formats that report them. */
  invalid: Diagnostic[];
  /** When the run happened, ISO 8601 in UTC (SOURCE_DATE_EPOCH when set), for formats that record a time. */
  generated: string;
  /** Colours for people's formats (level 0 when writing to a file or a pipe). */
  color?: ChalkInstance;
  /** Where each policy key came from ("flags" or the config file), keyed as `policyEntries` names them; absent keys are defaults. */
  policyOrigins?: Map<string, string>;
  /** The pack whose policy the run's policy line shows (the first); a file of another pack shows its own line. */
  policyPack?: string;
  /** People's formats list every finding instead of a summary per principle (--verbose). */
  verbose?: boolean;
  /** People's formats end each file with what to do next (check; the interview says it its own way). */
  nextSteps?: boolean;
  /** The command as the user types it in those hints: `rml-assess`, or `npx rml-assess` for a project's own install. */
  command?: string;
  /**
   * Where relative file names start (the working directory) and the root of the repository they
   * belong to, for formats that locate files from that root (gitlab).
   */
  repository?: { cwd: string; root: string };
  /** When `check` searched a directory: how many files it found, and what it passed over (text output ends with it). */
  discovery?: { checked: number; skipped: Skipped };
  /** Counters a format keeps across the files of one document (JUnit numbers its suites). */
  state?: { suites: number };
}

/** What the whole-document parts of a format need to know about each checked file. */
export interface FileSummary {
  file: string;
  project: string;
  score: number | null;
  band: string | null;
  passed: boolean;
  errors: number;
  warnings: number;
  /** The file's findings, kept only while the run holds fewer than `keepFindings` (the step summary's rows). */
  findings: Finding[];
  /** Level packs: the level reached, and the system and component the file names (for a system's level). */
  level?: number;
  system?: string;
  component?: string;
}

/**
 * A `check` output format, in parts so that thousands of files stream through in bounded memory:
 * the head, then each file's part as soon as it is checked (the file then let go), `separator`
 * between non-empty parts, and the tail, which alone sees the whole run's summaries.
 */
export interface CheckFormat {
  head(context: CheckContext): string;
  file(result: CheckResult, context: CheckContext): string;
  /** An invalid file's part; formats that leave invalid input to standard error return "". */
  invalid(file: string, problems: Diagnostic[], context: CheckContext): string;
  separator: string;
  /** Numbers its parts across files (JUnit's suite ids), so every part is rendered in file order on one thread. */
  ordered?: boolean;
  tail(run: RunTally, written: number, context: CheckContext): string;
}

/** Writes a format's parts as they come, separated, then its tail: one document, never held whole. */
export class DocumentWriter {
  private written = 0;

  constructor(private readonly format: CheckFormat, private readonly context: CheckContext, private readonly write: (text: string | Uint8Array) => void) {
    write(format.head(context));
  }

  /** A file's part: text, or text already encoded as UTF-8 (as a worker thread sends it). */
  part(text: string | Uint8Array): void {
    if (!text.length) return;
    if (typeof text === "string") return this.write(this.written++ ? this.format.separator + text : text);
    if (this.written++) this.write(this.format.separator);
    this.write(text);
  }

  end(run: RunTally): void {
    this.write(this.format.tail(run, this.written, this.context));
  }
}

/**
 * Formats read by CI systems also carry invalid files, so a pull request shows them where it
 * shows findings; text and json leave them to standard error. Either way `check` exits 2.
 */
export const REPORTS_INVALID_INPUT: ReadonlySet<string> = new Set(["github", "gitlab", "junit", "sarif"]);

/** A fresh copy of a string, so a short value does not keep the whole file it was sliced from alive. */
const detached = (text: string) => Buffer.from(text, "utf8").toString("utf8");

/** A file's summary for the tail; findings kept only when asked (they can be many). */
export function summarize(r: CheckResult, keepFindings = true): FileSummary {
  const errors = r.findings.filter((f) => f.severity === "error").length;
  const a = r.assessment;
  return {
    file: a.answers.file, project: detached(a.answers.project.name), score: a.score, band: a.band, passed: r.passed,
    errors, warnings: r.findings.filter((f) => f.severity === "warning").length, findings: keepFindings ? r.findings : [],
    ...(a.levels ? { level: a.levels.level } : {}),
    ...(a.answers.project.system ? { system: detached(a.answers.project.system), component: detached(a.answers.project.component ?? a.answers.project.name) } : {}),
  };
}

/** Renders a whole document at once: valid files in order, then the invalid ones (tests, small runs). */
export function renderDocument(format: CheckFormat, results: CheckResult[], context: CheckContext): string {
  const ctx = { ...context, state: { suites: 0 } };
  let out = "";
  const doc = new DocumentWriter(format, ctx, (text) => void (out += text));
  for (const r of results) doc.part(format.file(r, ctx));
  for (const file of invalidFiles(context.invalid)) {
    doc.part(format.invalid(file, context.invalid.filter((d) => d.file === file), ctx));
  }
  const run = new RunTally();
  for (const r of results) run.add(summarize(r, false));
  doc.end(run);
  return out;
}

/**
 * What a document's tail says of the whole run: how many files were checked, how many failed, and
 * the components of level-pack files that name `project.system`. A run keeps this, not a summary
 * per file, so its memory does not grow with the number of files (but for the systems named).
 */
export class RunTally {
  files = 0;
  failed = 0;
  private readonly components: ComponentLevel[] = [];

  add(f: FileSummary): void {
    this.files++;
    if (!f.passed) this.failed++;
    if (f.system !== undefined && f.level !== undefined) this.components.push({ system: f.system, component: f.component ?? f.project, file: f.file, level: f.level });
  }

  get passed(): boolean {
    return this.failed === 0;
  }

  /** The systems named, each at its lowest component's level. */
  systems(): SystemLevel[] {
    return systemLevels(this.components);
  }
}
