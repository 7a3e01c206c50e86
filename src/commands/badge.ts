import { EXIT } from "../errors.js";
import { score } from "../core/score.js";
import { badgeContent, packLabel } from "../formats/badge-content.js";
import { loadFormat } from "../formats/index.js";
import type { Io } from "../io/io.js";
import { terminalSafe } from "../io/terminal.js";
import { answersFor } from "./inputs.js";
import { packFor } from "./pack-option.js";
import { emit, refuseOverwritingInput } from "./output.js";

export interface BadgeOptions {
  format: string;
  output?: string;
  /** The left-hand text; by default the pack's name (packLabel). */
  label?: string;
  pack?: string;
}

/** `badge`: scores one answers file and writes its badge, as SVG or as shields.io endpoint JSON. */
export async function badgeCommand(file: string, opts: BadgeOptions, io: Io): Promise<number> {
  refuseOverwritingInput(opts.output, [file], io);
  const pack = await packFor(opts, io, file);
  const content = badgeContent(score(pack, await answersFor(file, pack, io)), opts.label ?? packLabel(pack));
  emit((await loadFormat("badge", opts.format))(content), opts.output, io);
  if (opts.output) io.stderr(terminalSafe(`Wrote ${opts.output} (${content.label}: ${content.message}).`) + "\n");
  return EXIT.ok;
}
