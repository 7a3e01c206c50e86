import { Command, Option } from "commander";
import { collectGlobs, collectIds, dayCountArg, jobsArg, levelArg, principleScoreArg, scoreArg, ticketLinkArg, weightArg } from "./cli-args.js";
import { formatList, formatNames, type CommandFormats } from "./formats/index.js";
import type { Io } from "./io/io.js";
import { terminalSafeLines, wrapWords } from "./io/terminal.js";
import { BUILTIN_PACKS } from "./paths.js";
import { TOOL } from "./version.js";

/** A command's -f, --format option: its choices are the formats the registry holds for it. */
const formatOption = (command: keyof CommandFormats, description: string, fallback: string) => new Option("-f, --format <format>", description).choices(formatNames(command)).default(fallback);

/** --jobs of the commands that read many files (check, summary). */
const jobsOption = () => new Option("-j, --jobs <n>", "threads that check the files (default: from 200 files, one worker per core but one, and one under 3 cores; 1: the main thread alone)").argParser(jobsArg);

const packOption = () => new Option("--pack <dir|name>", `use the pack in DIR, or a built-in pack by name (${Object.keys(BUILTIN_PACKS).join(", ")}), instead of the default one`);

/**
 * The command line: commander setup only. Each action imports its command module on use, so a
 * command loads only the libraries it needs, and stores the exit code in `result`.
 */
export function buildCli(io: Io, result: { code: number }): Command {
  const program = new Command("rml-assess")
    .description("Assess a machine-learning system against the eight Responsible Machine Learning Principles.")
    .version(TOOL.version, "-v, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(terminalSafeLines(text)) })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `
Exit codes: 0 passed, 1 the assessment fails its policy, 2 invalid input or usage,
130 an interview stopped with Ctrl-C.
Add --debug (or set DEBUG=1) to see a stack trace for unexpected errors.`);

  program.command("principles")
    .description("print the checklist: every principle and its questions")
    .addOption(formatOption("principles", "output format", "text"))
    .option("--verbose", "text format: also print each question's guidance, red flag and recommendation")
    .addOption(packOption())
    .action(async (opts) => {
      const { principlesCommand } = await import("./commands/principles.js");
      result.code = await principlesCommand(opts, io);
    });

  program.command("init")
    .description("write an answers file to fill in by hand, with every question as a comment")
    .argument("[file]", "answers file to create", "rml-assessment.yaml")
    .option("--force", "overwrite the file if it exists")
    .option("--guidance", "also write each question's guidance as comments, for filling in the file by hand")
    .option("--upgrade", "bring an existing answers file up to the pack's version: move answers of retired questions to the questions that replaced them, keeping comments")
    .option("--schema <path|url>", "the answers schema the file's yaml-language-server header names (default: the pack's own schema shipped with rml-assess); with --upgrade, the header is set to it")
    .addOption(packOption())
    .action(async (file, opts) => {
      if (opts.upgrade) {
        const { upgradeCommand } = await import("./commands/upgrade.js");
        result.code = await upgradeCommand(file, opts, io);
        return;
      }
      const { initCommand } = await import("./commands/init.js");
      result.code = await initCommand(file, opts, io);
    });

  program.command("schema")
    .description("write the answers schema of a pack, for editors: completion of its ids, question text on hover, unknown and retired ids marked")
    .option("-o, --output <file>", "write the schema to FILE instead of standard output")
    .addOption(packOption())
    .addHelpText("after", `
The built-in packs' schemas ship in schema/answers/; 'init' points new answers files at them.
For your own pack: rml-assess schema --pack DIR -o answers.schema.json, then name it in the
file's first line, '# yaml-language-server: $schema=answers.schema.json' (or init --schema).`)
    .action(async (opts) => {
      const { schemaCommand } = await import("./commands/schema.js");
      result.code = await schemaCommand(opts, io);
    });

  program.command("interview")
    .description("answer the checklist at the terminal, one question at a time, saving each answer as it is given")
    .argument("[file]", "answers file to create or continue", "rml-assessment.yaml")
    .option("--principle <id>", "only the questions of principle ID (repeat it, or separate ids with commas, for more)", collectIds)
    .option("--review", "walk every question with its current answer preselected, not only the unanswered ones")
    .option("--jump <id>", "start at principle ID's first question, or at question ID given as principle/question")
    .addOption(packOption())
    .addHelpText("after", `
A new FILE starts with the project's details; an existing one resumes at its first unanswered
question, after offering to fill in the project details it lacks. Each question offers the
answers, keep/skip, clear answer, back (or Esc) and save and quit. Ctrl-C stops (exit 130) with
every answer given so far saved. Needs a terminal: without one, use 'init' and edit the file,
then 'check'.`)
    .action(async (file, opts) => {
      const { interviewCommand } = await import("./commands/interview.js");
      result.code = await interviewCommand(file, opts, io);
    });

  program.command("check")
    .description("validate and score answers files; fail when the policy is not met")
    .argument("[files...]", "answers files, or directories to search for them", ["rml-assessment.yaml"])
    .option("--min-score <n>", "fail when the overall score is below N (0-100)", scoreArg)
    .option("--min-principle-score <n>", "fail when any principle scores below N (0-100)", scoreArg)
    .option("--min-score-for <id=n>", "fail when principle ID scores below N; repeatable", principleScoreArg)
    .option("--allow-unanswered", "report unanswered questions as warnings instead of failing")
    .option("--no-allow-unanswered", "fail on unanswered questions even if the config allows them")
    .option("--require-evidence", "fail when a yes or partial answer lists no evidence")
    .option("--no-require-evidence", "do not require evidence even if the config does")
    .option("--require-partial-notes", "fail when a partial answer has no notes (otherwise a warning)")
    .option("--no-require-partial-notes", "only warn about a partial answer without notes even if the config requires them")
    .option("--max-age-days <n>", "fail when the assessment's date is more than N days ago, or missing", dayCountArg)
    .option("--baseline <old>", "fail when a score is lower than in OLD: an answers file, REF:PATH from git (e.g. origin/main:rml-assessment.yaml), or a revision alone (e.g. origin/main) to compare each file with its own earlier version; no earlier version is a BASELINE_MISSING note")
    .option("--no-baseline", "compare with no baseline even if the config names one")
    .option("--no-regressions", "with a baseline, make every answer that got worse an error, not a warning")
    .option("--min-level <n>", "level packs (e.g. --pack mltrl): fail when the readiness level reached is below N (0-9)", levelArg)
    .option("--framework <id>", "with --min-coverage: the framework (crosswalk of the pack) whose coverage is checked; repeatable", collectIds)
    .option("--min-coverage <n>", "fail when fewer than N% (0-100) of the framework's items that apply to the system are met (the headline, not the mapped items only)", scoreArg)
    .option("--verify-evidence", "fail when an evidence path does not exist inside the repository, a URL is not well-formed http(s), or pinned evidence changed (nothing is fetched)")
    .option("--no-verify-evidence", "do not verify evidence even if the config does")
    .option("--require-signoff", "fail when a final assessment has no sign-off, or one older than the last change of an answer")
    .option("--no-require-signoff", "do not require a sign-off even if the config does")
    .option("--probe", "run the pack's repository probes: a yes answer the repository contradicts (e.g. no lock file, no CI configuration) is a PROBE_CONTRADICTS warning; exit 2 outside a git work tree")
    .option("--no-probe", "do not run the probes even if the config does")
    .option("--require-probe-agreement", "run the probes and make PROBE_CONTRADICTS an error")
    .option("--no-require-probe-agreement", "only warn about PROBE_CONTRADICTS even if the config makes it an error")
    .option("--config <file>", "read the policy from FILE instead of ./.rml-assess.yaml")
    .option("--no-config", "ignore ./.rml-assess.yaml")
    .addOption(new Option("--validate-only", "only validate the files and the config (exit 0 or 2): unanswered questions are warnings, no policy applies")
      .conflicts(["minScore", "minPrincipleScore", "minScoreFor", "allowUnanswered", "requireEvidence", "requirePartialNotes", "maxAgeDays", "baseline", "minLevel", "framework", "minCoverage", "verifyEvidence", "requireSignoff", "probe", "requireProbeAgreement"]))
    .addOption(formatOption("check", "output format", "text"))
    .option("-o, --output <file>", "write the output to FILE instead of standard output")
    .option("--exclude <glob>", "leave out paths matching GLOB, relative to the working directory (repeatable); directory search also skips node_modules, .git and what .gitignore ignores", collectGlobs)
    .option("--verbose", "text format: list every finding, not a summary per principle")
    .addOption(jobsOption())
    .addOption(packOption())
    .addHelpText("after", `\n${wrapWords(`Flags win over the config file's policy: section. Formats: ${formatList("check")}.`, 100).join("\n")}`)
    .action(async (files, opts) => {
      const { checkCommand } = await import("./commands/check.js");
      result.code = await checkCommand(files, opts, io);
    });

  program.command("diff")
    .description("show what changed between two assessments: scores, answers, evidence")
    .argument("<old>", "the earlier answers file, or REF:PATH to read it from git (e.g. origin/main:rml-assessment.yaml)")
    .argument("[new]", "the later answers file or REF:PATH; when left out, OLD is compared with itself at HEAD")
    .addOption(formatOption("diff", "output format", "text"))
    .option("-o, --output <file>", "write the output to FILE instead of standard output")
    .addOption(packOption())
    .addHelpText("after", `
Exit 0 whatever changed (the gate is 'check --baseline'), 2 on invalid input. md is written to be
pasted as a pull-request comment and stays under GitHub's 65,536-character limit.`)
    .action(async (oldFile, newFile, opts) => {
      const { diffCommand } = await import("./commands/diff.js");
      result.code = await diffCommand(oldFile, newFile, opts, io);
    });

  program.command("report")
    .description("write a scored assessment report an auditor can file")
    .argument("[file]", "answers file", "rml-assessment.yaml")
    .addOption(formatOption("report", "report format", "md"))
    .option("-o, --output <file>", "write the report to FILE instead of standard output")
    .option("--template <file>", "render with your own Handlebars template (the format's escaping applies)")
    .option("--previous <old>", "add what changed since OLD, an earlier answers file or REF:PATH from git")
    .option("--framework <id>", "add a coverage section for framework ID (repeatable; 'crosswalk --list' shows them)", collectIds)
    .addOption(packOption())
    .action(async (file, opts) => {
      const { reportCommand } = await import("./commands/report.js");
      result.code = await reportCommand(file, opts, io);
    });

  program.command("summary")
    .description("summarise many answers files in one view: every assessment, each principle across them, what is weak, stale or invalid")
    .argument("[files...]", "answers files, or directories to search for them", ["."])
    .addOption(formatOption("summary", "output format", "md"))
    .option("-o, --output <file>", "write the summary to FILE instead of standard output")
    .option("--exclude <glob>", "leave out paths matching GLOB, relative to the working directory (repeatable); as for check", collectGlobs)
    .option("--max-age-days <n>", "list assessments dated more than N days ago as stale (default 365)", dayCountArg)
    .option("--pack <dir>", "a pack the assessments may use (repeatable; each file is summarised with the pack its 'pack:' names, the first when it names none); default the built-in one", collectGlobs)
    .addOption(jobsOption())
    .option("--config <file>", "judge each assessment's policy verdict by FILE instead of ./.rml-assess.yaml")
    .option("--no-config", "judge verdicts by the default policy, ignoring ./.rml-assess.yaml")
    .option("--previous <old>", "add the movement since OLD, an earlier 'summary --format json'")
    .addHelpText("after", `
FILES may include result files of 'check --format json' (named, e.g. result-*.json): their rows are
taken as check wrote them. Invalid files are listed as invalid and the rest summarised. Exit 0 when the summary is written,
2 on a usage error: it is a view, not a gate (use 'check' for that).`)
    .action(async (files, opts) => {
      const { summaryCommand } = await import("./commands/summary.js");
      result.code = await summaryCommand(files, opts, io);
    });

  program.command("badge")
    .description("write a score badge (SVG, in the flat style of shields.io) for an answers file")
    .argument("[file]", "answers file", "rml-assessment.yaml")
    .option("-o, --output <file>", "write the badge to FILE instead of standard output")
    .option("--label <text>", "the badge's left-hand text (default: the pack's name, e.g. 'responsible ML' or 'MLTRL')")
    .addOption(formatOption("badge", "svg, or json for shields.io's endpoint badge", "svg"))
    .addOption(packOption())
    .action(async (file, opts) => {
      const { badgeCommand } = await import("./commands/badge.js");
      result.code = await badgeCommand(file, opts, io);
    });

  program.command("crosswalk")
    .description("read an answers file as coverage of NIST AI RMF, the EU AI Act or ISO/IEC 42001, item by item")
    .argument("[file]", "answers file", "rml-assessment.yaml")
    .option("--framework <id>", "the framework to read it against (repeat it, or separate ids with commas, for more); --list shows them", collectIds)
    .option("--list", "list the frameworks the pack has crosswalk files for")
    .addOption(formatOption("crosswalk", "output format", "text"))
    .option("-o, --output <file>", "write the output to FILE instead of standard output")
    .option("--verify-evidence", "an item is met only when the evidence of its yes answers is found inside the repository (nothing is fetched); without it, met items say 'evidence not verified'")
    .addOption(packOption())
    .addHelpText("after", `
Each item is met (every mapped question that applies is yes with evidence, or n/a with a reason,
and the mapping covers the whole item), partial (at least one is yes or partial, or the mapping
covers only part of the item, or one question is left to carry it), gap (none is), unmapped (no
question maps to it) or not applicable (outside the item's scope, with the reason). The headline
is met of all items that apply, then met of the mapped ones. Exit 0 whatever the coverage (the
gate is 'check --framework ID --min-coverage N'), 2 on invalid input. Coverage by self-assessment
is not conformity with the framework.`)
    .action(async (file, opts) => {
      const { crosswalkCommand } = await import("./commands/crosswalk.js");
      result.code = await crosswalkCommand(file, opts, io);
    });

  program.command("evidence")
    .description("list every evidence entry of an answers file with its status; --pin records the sha256 of each local evidence file")
    .argument("[file]", "answers file", "rml-assessment.yaml")
    .option("--pin", "record the sha256 of each local evidence file that exists in the answers file (only those entries change)")
    .addOption(formatOption("evidence", "output format", "text"))
    .addOption(packOption())
    .addHelpText("after", `
Paths are relative to the answers file's directory and must stay inside the repository; URLs are
never fetched. Statuses: found, missing, changed (pinned, content differs), url, invalid. Exit 0
(the gate is 'check --verify-evidence'), 2 on invalid input.`)
    .action(async (file, opts) => {
      const { evidenceCommand } = await import("./commands/evidence.js");
      result.code = await evidenceCommand(file, opts, io);
    });

  program.command("probe")
    .description("look in the repository for evidence of each question and for yes answers it contradicts (a model card, a lock file, a monitoring configuration...)")
    .argument("[file]", "answers file (default rml-assessment.yaml when it exists; without one, what the repository holds for every question)")
    .option("--apply", "add the evidence found to the answers file, keeping every other line (never changes an answer)")
    .addOption(formatOption("probe", "output format", "text"))
    .addOption(packOption())
    .addHelpText("after", `
Probes are the pack's (docs/probes.md): globs over git's list of the repository's files and
literal text to find in them. Nothing is run, no link is followed, reading is bounded. Paths are
relative to the answers file's directory. Exit 0 (the gate is 'check --probe'), 2 outside a git
work tree or when git cannot list the files.`)
    .action(async (file, opts) => {
      const { probeCommand } = await import("./commands/probe.js");
      result.code = await probeCommand(file, opts, io);
    });

  program.command("actions")
    .description("list the open gaps of an answers file as work to track: text, JSON, or issues for GitHub, GitLab or Jira")
    .argument("[file]", "answers file", "rml-assessment.yaml")
    .addOption(formatOption("actions", "output format", "text"))
    .option("-o, --output <file>", "write the output to FILE instead of standard output")
    .option("--only-weight <n>", "only the gaps of questions of weight N", weightArg)
    .option("--include <answers>", "which answers are gaps: partial, no, unanswered (repeat it, or separate them with commas; default all three)", collectIds)
    .option("--all", "also list the gaps whose answer names a ticket already (action.ticket)")
    .addOption(new Option("--link <id=ticket>", "record TICKET as question ID's action.ticket in the answers file, keeping every other line (repeatable)").argParser(ticketLinkArg)
      .conflicts(["output", "onlyWeight", "include", "all"]))
    .addOption(packOption())
    .addHelpText("after", `
Items are ordered by weight (level packs: by level), then due date, then id; each id
(principle/question) is stable across runs. Nothing is sent anywhere: pipe github lines to
'gh issue create', gitlab lines to 'glab issue create', or import the jira-csv file (see
docs/actions.md). Exit 0 when written, 2 on invalid input: a view, not a gate.`)
    .action(async (file, opts) => {
      const { actionsCommand } = await import("./commands/actions.js");
      result.code = await actionsCommand(file, opts, io);
    });

  return program;
}
