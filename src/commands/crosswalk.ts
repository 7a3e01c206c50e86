import { score } from "../core/score.js";
import type { Pack } from "../core/types.js";
import { EXIT, UsageError } from "../errors.js";
import { loadFormat } from "../formats/index.js";
import { generatedAt } from "../io/clock.js";
import { colorFor, PLAIN } from "../io/color.js";
import type { Io } from "../io/io.js";
import { terminalSafe } from "../io/terminal.js";
import { TOOL } from "../version.js";
import { crosswalksFor, coveragesOf } from "./frameworks.js";
import { readAnswersFile } from "./inputs.js";
import { emit, refuseOverwritingInput } from "./output.js";
import { packFor } from "./pack-option.js";

export interface CrosswalkOptions {
  framework?: string[];
  format: string;
  output?: string;
  pack?: string;
  list?: boolean;
  verifyEvidence?: boolean;
}

/** `crosswalk --list`: the frameworks the pack has crosswalk files for, with their versions and items. */
async function listFrameworks(pack: Pack, opts: CrosswalkOptions, io: Io): Promise<number> {
  const { frameworkIds, packDirOf } = await import("../load/crosswalk.js");
  const ids = frameworkIds(packDirOf(pack), io.cwd);
  const crosswalks = await crosswalksFor(ids, pack, io);
  if (opts.format === "json") {
    emit(`${JSON.stringify(crosswalks.map((c) => ({ ...c.framework, items: c.items.length, mapped: c.items.filter((i) => i.notCovered === null).length })), null, 2)}\n`, opts.output, io);
    return EXIT.ok;
  }
  const lines = crosswalks.map((c) => {
    const mapped = c.items.filter((i) => i.notCovered === null).length;
    return `${c.framework.id.padEnd(14)} ${terminalSafe(c.framework.title)} ${terminalSafe(c.framework.version)}: ${c.items.length} items, ${mapped} mapped to questions\n${" ".repeat(15)}${terminalSafe(c.framework.source)}`;
  });
  emit(lines.length ? `${lines.join("\n")}\n` : `The pack '${pack.id}' has no crosswalk files (crosswalk/*.yaml beside pack.yaml).\n`, opts.output, io);
  return EXIT.ok;
}

/**
 * `crosswalk`: reads one answers file as coverage of external frameworks (NIST AI RMF, EU AI Act,
 * ISO/IEC 42001), item by item. It reports and does not judge: exit 0, or 2 on invalid input;
 * the gate is `check --framework ID --min-coverage N`.
 */
export async function crosswalkCommand(file: string, opts: CrosswalkOptions, io: Io): Promise<number> {
  const pack = await packFor(opts, io, opts.list ? undefined : file);
  if (opts.list) return listFrameworks(pack, opts, io);
  if (!opts.framework?.length) {
    const { frameworkIds, packDirOf } = await import("../load/crosswalk.js");
    const ids = frameworkIds(packDirOf(pack), io.cwd);
    throw new UsageError("name the framework to read the answers against with --framework ID", ids.length ? `the pack's frameworks: ${ids.join(", ")} (rml-assess crosswalk --list)` : "the pack has no crosswalk files");
  }
  const format = await loadFormat("crosswalk", opts.format);
  refuseOverwritingInput(opts.output, [file], io);
  const crosswalks = await crosswalksFor(opts.framework, pack, io);
  const { answers } = await readAnswersFile(file, pack, io);
  const assessment = score(pack, answers);
  const color = opts.output || opts.format !== "text" ? PLAIN : await colorFor(io.env, () => io.stdoutIsTTY);
  const meta = { toolName: TOOL.name, toolVersion: TOOL.version, generated: opts.format === "md" || opts.format === "html" ? generatedAt(io) : "" };
  // Under --verify-evidence a met item needs its yes answers' evidence found; the facts come from the file system here, not in the core.
  const facts = opts.verifyEvidence ? (await import("../io/evidence-files.js")).evidenceFacts(answers, io.cwd) : null;
  emit(await format(coveragesOf(crosswalks, assessment, facts), { assessment, color, meta }), opts.output, io);
  return EXIT.ok;
}
