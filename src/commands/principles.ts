import { EXIT } from "../errors.js";
import { loadFormat } from "../formats/index.js";
import { colorFor } from "../io/color.js";
import type { Io } from "../io/io.js";
import { packFor } from "./pack-option.js";

/** `principles`: prints the loaded pack's checklist. */
export async function principlesCommand(opts: { format: string; pack?: string; verbose?: boolean }, io: Io): Promise<number> {
  const pack = await packFor(opts, io);
  io.stdout((await loadFormat("principles", opts.format))(pack, await colorFor(io.env, () => io.stdoutIsTTY), { verbose: Boolean(opts.verbose), width: Math.min(Math.max((io.columns ?? 100) - 1, 40), 100) }));
  return EXIT.ok;
}
