import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { formatDiagnostic, InputError, listed } from "../errors.js";
import type { Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { newLookups } from "../io/evidence-files.js";
import { terminalSafe } from "../io/terminal.js";
import { CONFIG_FILE } from "../paths.js";
import type { Config } from "../load/config.js";
import { baselineSpec } from "../bulk/baseline.js";
import type { Applied, FileRules } from "../bulk/check-file.js";
import type { RowJob } from "../bulk/summary-row.js";
import { allowedPacks } from "./allowed-packs.js";
import { crosswalksFor, frameworksOfPack } from "./frameworks.js";
import { policyOrigins, resolvePolicy } from "./policy.js";

/** The policy a summary judges each assessment by: a row job per pack, and the config's problem when it could not be read. */
export interface SummaryPolicy {
  jobFor(pack: Pack): RowJob;
  /** The config file read (null: none, the defaults); when it could not be read, its first problem, and no file passes. */
  config: { file: string; problem: string | null } | null;
}

/** A config that cannot be read: its first problem as one line, with how many more. */
function problemOf(error: InputError): string {
  const sorted = listed(error.diagnostics);
  const more = sorted.length - 1;
  return `${formatDiagnostic(sorted[0]!)}${more > 0 ? ` (and ${more} more problem${more === 1 ? "" : "s"})` : ""}`;
}

/** Each pack's rules as `check` resolves them with no policy flags: the general policy, each risk tier's, and the crosswalks they check. */
async function rulesFor(pack: Pack, config: Config | null, io: Io, baseline: FileRules["baseline"]): Promise<FileRules> {
  const settings = config?.policy ?? {};
  const tierNames = [...(settings.risk?.keys() ?? [])];
  const named = [...new Set([null, ...tierNames].flatMap((tier) => {
    const p = resolvePolicy(settings, {}, pack, tier);
    return p.minCoverage === null ? [] : p.frameworks;
  }))];
  const available = await frameworksOfPack(named, pack, io);
  const applied = (tier: string | null): Applied => ({ policy: resolvePolicy(settings, {}, pack, tier, available), origins: policyOrigins(config, {}, tier, pack.id) });
  const general = applied(null);
  const tiers = new Map<string, Applied>(tierNames.map((tier) => [tier, applied(tier)]));
  const frameworks = [...new Set([general, ...tiers.values()].flatMap((a) => (a.policy.minCoverage === null ? [] : a.policy.frameworks)))];
  const crosswalks = frameworks.length ? await crosswalksFor(frameworks, pack, io) : [];
  return { general, tiers, crosswalks, countEvidence: false, signOffState: true, cwd: io.cwd, lookups: newLookups(), baseline };
}

/**
 * The repository's config (`.rml-assess.yaml` in the working directory) or the one given with
 * --config, found and loaded as `check` loads it, and each pack's rules under it. A config that
 * cannot be read (or names a framework no pack maps, or a one-file baseline for many files) is
 * reported and judges nothing: every row then says no verdict, never a pass. Packs are allowed as
 * `check` allows them: the config's `packs:`, else `allowedByDefault` (the --pack ones, or the default pack).
 */
export async function summaryPolicy(option: string | false | undefined, packs: Pack[], allowedByDefault: string[], fileCount: number, base: { today: string; maxAgeDays: number }, io: Io): Promise<SummaryPolicy> {
  const defaults = async (pack: Pack) => rulesFor(pack, null, io, null);
  const found = option !== false && (option !== undefined || existsSync(resolve(io.cwd, CONFIG_FILE)));
  let config: Config | null = null;
  let allowed: string[] | null = null;
  const rules = new Map<string, FileRules>();
  let problem: string | null = null;
  if (found) {
    try {
      const { loadConfig } = await import("../load/config.js");
      config = await loadConfig(option, async (named, dir) => {
        const list = await allowedPacks({}, named, dir, io);
        if (named?.length) allowed = list.map((p) => p.id);
        return list;
      }, io);
      const spec = config?.policy.baseline ? baselineSpec(config.policy.baseline, io.cwd) : null;
      if (spec && spec.path !== null && fileCount > 1) throw new InputError([{ file: config!.file, line: 1, column: 1, message: `the baseline ${config!.policy.baseline} is one answers file, but ${fileCount} files are summarised`, hint: "give a revision alone (baseline: origin/main)" }]);
      for (const pack of packs) rules.set(pack.id, await rulesFor(pack, config, io, spec));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problem = problemOf(error);
      io.stderr(`warning: the config cannot be read, so no assessment is judged by it: ${terminalSafe(problem)}\n`);
    }
  }
  for (const pack of packs) if (!rules.has(pack.id) || problem) rules.set(pack.id, await defaults(pack));
  const file = config?.file ?? (found ? (option || CONFIG_FILE) : null);
  return {
    config: file === null ? null : { file, problem },
    jobFor: (pack) => ({ ...base, rules: rules.get(pack.id)!, judged: problem === null, allowed: allowed ?? allowedByDefault }),
  };
}
