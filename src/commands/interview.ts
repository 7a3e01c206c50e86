import { today } from "../io/clock.js";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { ChalkInstance } from "chalk";
import { EXIT, UsageError } from "../errors.js";
import { DEFAULT_POLICY, findings, passes } from "../core/findings.js";
import { questionApplies, score } from "../core/score.js";
import type { Pack } from "../core/types.js";
import { renderDocument, type CheckContext } from "../formats/document.js";
import { loadFormat } from "../formats/index.js";
import { colorFor } from "../io/color.js";
import type { Io } from "../io/io.js";
import { commandName } from "../io/invocation.js";
import { displayPath } from "../io/paths.js";
import { shellWord } from "../io/shell.js";
import { terminalSafe } from "../io/terminal.js";
import { didYouMean } from "../load/suggest.js";
import { InterviewSession } from "../interview/session.js";
import { isInterruption, quickEscape, terminalPrompts, type Prompts } from "../prompt.js";
import { defaultProjectName, newAnswersFile } from "./init.js";
import { answersFor, readAnswersFile } from "./inputs.js";
import { packFor } from "./pack-option.js";
import { scanRepository } from "./probe-scan.js";

export interface InterviewOptions {
  principle?: string[];
  /** A principle id, or principle/question, to start at. */
  jump?: string;
  review?: boolean;
  pack?: string;
}

export { shellWord };

function checkPrinciples(ids: string[] | undefined, pack: Pack): string[] | null {
  if (!ids?.length) return null;
  const known = pack.principles.map((p) => p.id);
  for (const id of ids) {
    if (!known.includes(id)) throw new UsageError(`unknown principle '${id}' for --principle`, didYouMean(id, known, "principle"));
  }
  return ids;
}

/** The --jump target, checked against the pack (and the --principle walk). */
function checkJump(id: string | undefined, pack: Pack, principles: string[] | null): { principle: string; question?: string } | null {
  if (id === undefined) return null;
  const [p, q, ...rest] = id.split("/");
  const ids = pack.principles.map((x) => x.id);
  const principle = pack.principles.find((x) => x.id === p);
  if (!principle || rest.length) throw new UsageError(`unknown principle '${p}' for --jump`, `give a principle id or principle/question; ${didYouMean(p ?? "", ids, "principle")}`);
  if (principles && !principles.includes(principle.id)) throw new UsageError(`--jump ${id} is outside the principles chosen with --principle`, `add --principle ${principle.id}, or jump within ${principles.join(", ")}`);
  if (q === undefined || q === "") return { principle: principle.id };
  const questions = principle.questions.map((x) => x.id);
  if (!questions.includes(q)) throw new UsageError(`unknown question '${q}' in principle '${principle.id}' for --jump`, didYouMean(q, questions, "question"));
  return { principle: principle.id, question: q };
}

/** The summary printed when the walk is over: check's text summary, the weakest principles, what next. */
async function summary(pack: Pack, file: string, io: Io, c: ChalkInstance, answered: number, total: number, resume?: string): Promise<string> {
  const assessment = score(pack, await answersFor(file, pack, io));
  const found = findings(assessment, DEFAULT_POLICY, today(io));
  const lines = [
    "",
    `${c.bold(resume ? "Saved and stopped:" : "Interview over:")} ${answered} of ${total} questions answered in ${terminalSafe(file)}.`,
    "",
    renderDocument(await loadFormat("check", "text"), [{ assessment, findings: found, passed: passes(found) }], { color: c, invalid: [] } as unknown as CheckContext).trimEnd(),
  ];
  const weakest = assessment.principles.filter((p) => p.exact !== null).sort((a, b) => a.exact! - b.exact!).slice(0, 3);
  if (weakest.length) {
    lines.push("", c.bold("Weakest principles:"));
    for (const p of weakest) {
      const gaps = p.counts.no + p.counts.partial + p.counts.unanswered;
      lines.push(`  ${p.principle.number}. ${terminalSafe(p.principle.title)}: ${p.score} (${p.band ?? "–"}), ${gaps} question${gaps === 1 ? "" : "s"} not yet a yes`);
    }
  }
  const f = shellWord(file);
  const open = total - answered;
  const next: [string, string][] = [];
  const tool = commandName(io);
  if (resume) next.push(["carry on where you stopped", resume]);
  else if (open) next.push([open === 1 ? "answer the open question" : `answer the ${open} open questions`, `${tool} interview ${f}`]);
  next.push(["write the scored report an auditor can file", `${tool} report ${f} -o assessment-report.md`]);
  next.push(["check it in CI: fails while a question is unanswered (add --min-score N to hold a minimum)", `${tool} check ${f}`]);
  lines.push("", c.bold("Next steps:"), ...next.flatMap(([why, cmd]) => [`  - ${why}:`, `      ${c.cyan(cmd)}`]));
  return `${lines.join("\n")}\n`;
}

/**
 * The evidence the pack's probes find in the repository holding `dir`, by question, as the
 * interview offers it; nothing outside a git work tree (the interview is not a gate: it says so once).
 */
function foundEvidence(pack: Pack, dir: string, io: Io): { found?: (principle: string, question: string) => string[] } {
  if (!pack.principles.some((p) => p.questions.some((q) => q.probes?.length))) return {};
  let scanned: ReturnType<typeof scanRepository>;
  try {
    scanned = scanRepository(pack, dir, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`note: no evidence will be offered from the repository (${error.message})\n`);
    return {};
  }
  const byQuestion = new Map(scanned.scan.questions.map((q) => [`${q.principle}/${q.question}`, q.found.map(scanned.toRef)]));
  return { found: (principle, question) => byQuestion.get(`${principle}/${question}`) ?? [] };
}

/**
 * `interview`: walks a team through the checklist at the terminal, one question at a time,
 * saving every answer to FILE as it is given. `prompts` replaces the terminal's (tests).
 */
export async function interviewCommand(file: string, opts: InterviewOptions, io: Io, prompts?: Prompts): Promise<number> {
  if (!io.stdinIsTTY) {
    throw new UsageError(
      "interview asks its questions at a terminal, and standard input is not one",
      `without a terminal, run '${commandName(io)} init ${shellWord(file)}', fill in the file in an editor, then run '${commandName(io)} check ${shellWord(file)}'`,
    );
  }
  const pack = await packFor(opts, io, file);
  const principles = checkPrinciples(opts.principle, pack);
  const jump = checkJump(opts.jump, pack, principles);
  const path = resolve(io.cwd, file);
  const shown = displayPath(path, io.cwd);
  const existing = existsSync(path) ? await readAnswersFile(file, pack, io) : null;
  const jumpedTo = jump?.question && pack.principles.find((p) => p.id === jump.principle)?.questions.find((q) => q.id === jump.question);
  const traits = existing?.answers.project.traits;
  if (jumpedTo && traits && !questionApplies(jumpedTo, traits)) {
    throw new UsageError(
      `--jump ${jump!.principle}/${jump!.question}: the question applies only to systems with the trait ${jumpedTo.appliesTo.join(" or ")}, which project.traits in ${file} does not list`,
      "add the trait to project.traits if the system has it, or jump to another question",
    );
  }
  const dir = dirname(path);
  if (!existing && (!existsSync(dir) || !statSync(dir).isDirectory())) {
    throw new UsageError(`cannot create ${file}: its directory does not exist`, "create the directory first, or give another path");
  }
  try {
    // Answers are saved through a temporary file beside FILE, so its directory must be writable.
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`cannot save answers in ${displayPath(dir, io.cwd) || "."}: permission denied`, "run the interview where you can write, or change the directory's permissions");
  }

  const continueCommand = [
    `${commandName(io)} interview`, shellWord(file),
    ...(principles ? principles.map((p) => `--principle ${p}`) : []),
    ...(opts.pack ? [`--pack ${shellWord(opts.pack)}`] : []),
  ].join(" ");
  const c = await colorFor(io.env, () => io.stdoutIsTTY);
  if (!prompts) quickEscape(process.stdin);
  // Ctrl-C at a prompt ends that prompt; a SIGINT between prompts aborts the next one the same way.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  if (!prompts) process.on("SIGINT", onSigint);
  const session = new InterviewSession({
    pack, path, file: shown, existing, principles, review: Boolean(opts.review), jump,
    prompts: prompts ?? terminalPrompts({ show: io.stdout, signal: controller.signal }),
    color: c,
    width: Math.min(Math.max((io.columns ?? 80) - 1, 40), 100),
    defaults: { projectName: defaultProjectName(io), date: io.now().toISOString().slice(0, 10) },
    newFile: (traits) => newAnswersFile(pack, file, io, { traits }),
    assess: async () => score(pack, await answersFor(file, pack, io)),
    continueCommand,
    ...foundEvidence(pack, dir, io),
  });
  try {
    await session.run();
  } catch (error) {
    if (!isInterruption(error)) throw error;
    if (!session.writer) {
      io.stderr(`\nStopped before ${shown} was created; nothing was saved.\n`);
    } else {
      const n = session.answeredCount();
      const typing = session.current?.typing;
      // The choice is saved as soon as it is made; a half-typed line is not, so say so.
      const lost = typing ? ` The ${typing} being typed for ${session.current!.step.principle.id}/${session.current!.step.question.id} ${typing === "notes" ? "were" : "was"} not saved.` : "";
      io.stderr(`\nStopped: ${n} answer${n === 1 ? "" : "s"} saved in ${shown}; run '${session.resumeCommand()}' to continue.${lost}\n`);
    }
    return EXIT.interrupted;
  } finally {
    if (!prompts) process.off("SIGINT", onSigint);
  }
  io.stdout(await summary(pack, file, io, c, session.answeredCount(), session.questionCount, session.quit ? session.resumeCommand() : undefined));
  return EXIT.ok;
}
