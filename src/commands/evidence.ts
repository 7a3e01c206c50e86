import { resolve } from "node:path";
import { EXIT, InputError, UsageError } from "../errors.js";
import { evidenceCounts, evidenceEntries, evidenceRows } from "../core/evidence.js";
import { colorFor, PLAIN } from "../io/color.js";
import { evidenceFacts } from "../io/evidence-files.js";
import type { Io } from "../io/io.js";
import { terminalSafe } from "../io/terminal.js";
import { writeFileAtomic } from "../io/write.js";
import { pinEvidence, unpinnable } from "../evidence/pin.js";
import { loadFormat } from "../formats/index.js";
import { readAnswersFile } from "./inputs.js";
import { packFor } from "./pack-option.js";

export interface EvidenceOptions {
  format: "text" | "json";
  pin?: boolean;
  pack?: string;
}

/**
 * `evidence FILE`: lists every evidence entry with its status (found, missing, changed, url,
 * invalid); with --pin, first records the sha256 of every local evidence file that exists in the
 * answers file (atomically, only those entries' text changing). Nothing is fetched. Exit 0: the
 * gate is `check --verify-evidence`.
 */
export async function evidenceCommand(file: string, opts: EvidenceOptions, io: Io): Promise<number> {
  const pack = await packFor(opts, io, file);
  let { text, answers } = await readAnswersFile(file, pack, io);
  let facts = evidenceFacts(answers, io.cwd, true);
  if (opts.pin) {
    const pins = new Map<string, string>();
    for (const { entry } of evidenceEntries(answers)) {
      const fact = facts.files.get(entry.ref);
      if (fact?.state === "found" && fact.sha256) pins.set(entry.ref, fact.sha256);
    }
    // An alias or anchor shares its text with another place: pinning it would change that too.
    const shared = unpinnable(text);
    if (shared.length) {
      throw new InputError(shared.map((at) => ({ file: answers.file, ...at, message: "this evidence is a YAML alias or anchor, which --pin cannot rewrite without changing the other place that shares it", hint: "write the path out in full in each answer's evidence, then pin again" })));
    }
    const result = pinEvidence(text, pins);
    if (result.changed) {
      try {
        writeFileAtomic(resolve(io.cwd, file), result.text);
      } catch (error) {
        throw new UsageError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, "check the disk and the file's permissions; the file is unchanged");
      }
      ({ text, answers } = await readAnswersFile(file, pack, io));
      facts = evidenceFacts(answers, io.cwd, true);
    }
    io.stderr(result.changed ? `Pinned ${result.changed} evidence entr${result.changed === 1 ? "y" : "ies"} in ${terminalSafe(file)}.\n` : `Nothing to pin in ${terminalSafe(file)}: every local evidence file is pinned at its current content, or missing.\n`);
  }
  const rows = evidenceRows(answers, facts);
  const counts = evidenceCounts(answers, facts);
  const format = await loadFormat("evidence", opts.format);
  io.stdout(format({ file: answers.file, rows, counts }, opts.format === "text" ? await colorFor(io.env, () => io.stdoutIsTTY) : PLAIN));
  return EXIT.ok;
}
