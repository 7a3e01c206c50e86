import { existsSync, realpathSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { EXIT, UsageError } from "../errors.js";
import { newEvidence, probeRows } from "../core/probes.js";
import type { Answers, Pack } from "../core/types.js";
import { colorFor, PLAIN } from "../io/color.js";
import type { Io } from "../io/io.js";
import { displayPath } from "../io/paths.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import { parseText } from "../load/answers-file.js";
import { appendEvidence, type EvidenceAddition } from "../load/evidence-append.js";
import { loadFormat } from "../formats/index.js";
import { readAnswersFile } from "./inputs.js";
import { packFor } from "./pack-option.js";
import { scanRepository } from "./probe-scan.js";

export interface ProbeOptions {
  format: "text" | "md" | "json";
  apply?: boolean;
  pack?: string;
}

/** The answers file `probe` reads when none is named. */
const DEFAULT_FILE = "rml-assessment.yaml";

/** The repository's root as the user should read it: "." when it is the working directory. */
function shownRoot(root: string, cwd: string): string {
  const real = realpathSync(cwd);
  return realpathSync(root) === real ? "." : displayPath(realpathSync(root), real);
}

/** Every answer and note as the file gives them, and each question's evidence, to compare before and after --apply. */
function snapshot(answers: Answers): Map<string, { answer: unknown; notes: string; evidence: string[] }> {
  const out = new Map<string, { answer: unknown; notes: string; evidence: string[] }>();
  for (const [p, qs] of answers.answers) for (const [q, a] of qs) out.set(`${p}/${q}`, { answer: a.answer, notes: a.notes, evidence: a.evidence });
  return out;
}

/**
 * What --apply wrote must change nothing but the evidence it added: every answer and note as
 * before, each question's evidence the old entries then the added ones. Anything else is a bug,
 * and the file is left as it was.
 */
function provenUnchanged(before: Answers, after: Answers, added: EvidenceAddition[]): boolean {
  const was = snapshot(before);
  const now = snapshot(after);
  const extra = new Map(added.map((a) => [`${a.principle}/${a.question}`, a.refs]));
  for (const [id, a] of now) {
    const old = was.get(id) ?? { answer: null, notes: "", evidence: [] };
    if (a.answer !== old.answer || a.notes !== old.notes) return false;
    if (!isDeepStrictEqual(a.evidence, [...old.evidence, ...(extra.get(id) ?? [])])) return false;
  }
  return [...was.keys()].every((id) => now.has(id));
}

/**
 * `probe [FILE]`: runs the pack's repository probes over git's list of the repository's files and
 * lists, per question, the evidence found and the yes answers the repository contradicts. With
 * --apply, adds the evidence found that the file does not list yet (atomically, every other line
 * kept). Exit 0: the gate is `check --probe`; 2 when the repository cannot be probed.
 */
export async function probeCommand(fileArg: string | undefined, opts: ProbeOptions, io: Io): Promise<number> {
  const file = fileArg ?? (existsSync(resolve(io.cwd, DEFAULT_FILE)) ? DEFAULT_FILE : undefined);
  if (opts.apply && file === undefined) throw new UsageError(`--apply needs an answers file, and there is no ${DEFAULT_FILE} here`, "name the answers file: rml-assess probe FILE --apply");
  const pack = await packFor(opts, io, file);
  let loaded = file === undefined ? null : await readAnswersFile(file, pack, io);
  const dir = file === undefined ? io.cwd : dirname(resolve(io.cwd, file));
  const { scan, root, toRef } = scanRepository(pack, dir, io.env);
  let added: EvidenceAddition[] | null = null;
  if (opts.apply && loaded && file !== undefined) {
    const result = appendEvidence(loaded.text, pack, loaded.answers, newEvidence(loaded.answers, scan, toRef));
    added = result.added;
    for (const s of result.skipped) io.stderr(`warning: not added to ${s.principle}/${s.question}: ${s.why} (${s.refs.map(terminalSafe).join(", ")})\n`);
    if (added.length) {
      const after = await parseText({ file: loaded.answers.file, text: result.text, bytes: new TextEncoder().encode(result.text) }, pack);
      if (!provenUnchanged(loaded.answers, after.answers, added)) throw new Error("probe --apply would have changed more than the evidence it adds; the file is unchanged");
      try {
        writeFileAtomic(resolve(io.cwd, file), result.text);
      } catch (error) {
        throw new UsageError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, "check the disk and the file's permissions; the file is unchanged");
      }
      loaded = await readAnswersFile(file, pack, io);
    }
    const count = added.reduce((n, a) => n + a.refs.length, 0);
    io.stderr(count ? `Added ${count} evidence entr${count === 1 ? "y" : "ies"} to ${added.length} question${added.length === 1 ? "" : "s"} in ${terminalSafe(file)}.\n` : `Nothing to add to ${terminalSafe(file)}: it lists all the evidence the probes found.\n`);
  }
  const rows = probeRows(loaded?.answers ?? null, scan, toRef);
  const format = await loadFormat("probe", opts.format);
  const view = { file: loaded ? loaded.answers.file : null, pack: { id: pack.id, version: pack.version }, root: shownRoot(root, io.cwd), files: scan.files, complete: scan.complete, rows, refused: scan.refused, added };
  io.stdout(format(view, opts.format === "text" ? await colorFor(io.env, () => io.stdoutIsTTY) : PLAIN));
  return EXIT.ok;
}
