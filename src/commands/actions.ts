import { basename, resolve } from "node:path";
import { EXIT, UsageError } from "../errors.js";
import { actionItems, GAP_KINDS, type GapKind, type LineLink } from "../core/actions.js";
import { score } from "../core/score.js";
import type { Pack } from "../core/types.js";
import { linkTickets, type TicketLink } from "../actions/link.js";
import { loadFormat } from "../formats/index.js";
import { ISSUE_ESCAPE } from "../formats/actions-escape.js";
import { colorFor, PLAIN } from "../io/color.js";
import type { Io } from "../io/io.js";
import { terminalSafe, visible } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import { reasonFor } from "../io/errno.js";
import { didYouMean } from "../load/suggest.js";
import { blobUrl } from "../formats/report/provenance.js";
import { readAnswersFile } from "./inputs.js";
import { packFor, packInputs } from "./pack-option.js";
import { emit, refuseOverwritingInput } from "./output.js";

/** The format names of `actions` (the registry holds them). */
export type ActionsFormatName = "text" | "json" | "github" | "gitlab" | "jira-csv";

export interface ActionsOptions {
  format: ActionsFormatName;
  output?: string;
  onlyWeight?: number;
  include?: string[];
  all?: boolean;
  /** `ID=TICKET` pairs to record in the answers file. */
  link?: [string, string][];
  pack?: string;
}

/** The web address of a line of the answers file at HEAD, when the repository it is read in is on GitHub or GitLab. */
async function lineLink(file: string, io: Io): Promise<LineLink> {
  const provenance = (await import("../io/provenance.js")).gitProvenance(file, io.cwd);
  const url = blobUrl(provenance, basename(file));
  return (line) => (url === null ? null : `${url}#L${line}`);
}

/** The --include values as gap kinds, all three when none is given; a usage error names a wrong one. */
function includeOf(values: string[] | undefined): GapKind[] {
  if (!values?.length) return [...GAP_KINDS];
  for (const v of values) {
    if (!(GAP_KINDS as readonly string[]).includes(v)) throw new UsageError(`--include takes partial, no or unanswered, not '${visible(v, 40)}'`, didYouMean(v, GAP_KINDS, "answer"));
  }
  return GAP_KINDS.filter((k) => values.includes(k));
}

/** Checks each `ID=TICKET` against the pack; an unknown id is a usage error naming the nearest one. */
function linksFor(pairs: [string, string][], pack: Pack): TicketLink[] {
  const ids = pack.principles.flatMap((p) => p.questions.map((q) => `${p.id}/${q.id}`));
  const seen = new Map<string, string>();
  const out: TicketLink[] = [];
  for (const [id, ticket] of pairs) {
    if (!ids.includes(id)) throw new UsageError(`--link: no question '${visible(id, 80)}' in the pack ${pack.id}`, `${didYouMean(id, ids, "question id")} (ids are principle/question, as 'rml-assess actions' lists them)`);
    if (seen.has(id) && seen.get(id) !== ticket) throw new UsageError(`--link: ${id} is given two tickets, '${visible(seen.get(id)!, 60)}' and '${visible(ticket, 60)}'`, "give one ticket per question");
    seen.set(id, ticket);
    const [principle, question] = id.split("/") as [string, string];
    out.push({ principle, question, ticket, principleOrder: pack.principles.map((p) => p.id), questionOrder: pack.principles.find((p) => p.id === principle)!.questions.map((q) => q.id) });
  }
  return out;
}

/** `actions --link`: records each ticket in the answers file atomically, only the lines that change. */
async function linkCommand(file: string, pairs: [string, string][], pack: Pack, io: Io): Promise<number> {
  const links = linksFor(pairs, pack);
  const { text, answers } = await readAnswersFile(file, pack, io);
  const result = linkTickets(text, links);
  if (result.changed) {
    // The new text is parsed as a fresh answers file before it replaces the old one.
    const { parseAnswers } = await import("../load/answers.js");
    parseAnswers({ file: answers.file, text: result.text, bytes: Buffer.from(result.text, "utf8") }, pack);
    try {
      writeFileAtomic(resolve(io.cwd, file), result.text);
    } catch (error) {
      throw new UsageError(`cannot write ${visible(file, Infinity)}: ${reasonFor(error)}`, "check the disk and the file's permissions; the file is unchanged");
    }
  }
  const shown = terminalSafe(file);
  io.stderr(result.changed ? `Linked ${result.changed} ticket${result.changed === 1 ? "" : "s"} in ${shown}.\n` : `Nothing to link in ${shown}: every ticket is recorded already.\n`);
  return EXIT.ok;
}

/**
 * `actions FILE`: the open gaps of an answers file as items to file in a tracker (text, json,
 * github, gitlab or jira-csv); with --link, records tickets back into the file instead. Makes no
 * network call. Exit 0 when written, 2 on invalid input: a view, not a gate.
 */
export async function actionsCommand(file: string, opts: ActionsOptions, io: Io): Promise<number> {
  refuseOverwritingInput(opts.output, [file, ...packInputs(opts, io)], io);
  const pack = await packFor(opts, io, file);
  if (opts.link?.length) return linkCommand(file, opts.link, pack, io);
  const include = includeOf(opts.include);
  if (opts.onlyWeight !== undefined && pack.scoring === "levels") throw new UsageError(`--only-weight: the pack ${pack.id} has levels, not weights`, "leave out --only-weight; a level pack's items are ordered by level");
  const { answers } = await readAnswersFile(file, pack, io);
  const assessment = score(pack, answers);
  const list = actionItems(assessment, { include, onlyWeight: opts.onlyWeight ?? null, all: Boolean(opts.all) }, ISSUE_ESCAPE, await lineLink(file, io));
  const format = await loadFormat("actions", opts.format);
  const content = format({ file: answers.file, list }, opts.format === "text" && !opts.output ? await colorFor(io.env, () => io.stdoutIsTTY) : PLAIN);
  emit(content, opts.output, io);
  if (opts.output) io.stderr(`Wrote ${terminalSafe(opts.output)} (${opts.format}, ${list.items.length} item${list.items.length === 1 ? "" : "s"}).\n`);
  return EXIT.ok;
}
