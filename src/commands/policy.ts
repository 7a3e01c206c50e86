import { DEFAULT_POLICY } from "../core/findings.js";
import type { Pack, Policy } from "../core/types.js";
import { UsageError } from "../errors.js";
import type { PolicySettings } from "../load/config.js";
import { didYouMean } from "../load/suggest.js";

/** Policy keys as commander parses them: every key is also a flag of the same name. */
export interface PolicyFlags {
  minScore?: number;
  minPrincipleScore?: number;
  /** From repeated --min-score-for ID=N. */
  minScoreFor?: [string, number][];
  allowUnanswered?: boolean;
  requireEvidence?: boolean;
  maxAgeDays?: number;
  /** --baseline FILE or REF:PATH. */
  baseline?: string;
  /** false with --no-regressions. */
  regressions?: boolean;
  minLevel?: number;

  /** From repeated --framework ID. */
  framework?: string[];
  minCoverage?: number;
}

/**
 * The policy of `check --validate-only`, for commit hooks: a half-done assessment passes while its
 * files and config are valid, so only invalid input (exit 2) stops a commit; CI applies the policy.
 */
export const VALIDATION_POLICY: Policy = { ...DEFAULT_POLICY, principleMinScores: new Map(), allowUnanswered: true };

/**
 * The policy of a run: flags win over the config file, which wins over the defaults. Per-principle
 * minimums merge by principle id, a flag replacing the config's value for the same principle.
 */
export function resolvePolicy(config: PolicySettings, flags: PolicyFlags, pack: Pack): Policy {
  const ids = pack.principles.map((p) => p.id);
  for (const [id] of flags.minScoreFor ?? []) {
    if (!ids.includes(id)) throw new UsageError(`unknown principle '${id}' in --min-score-for ${id}=…`, didYouMean(id, ids, "principle"));
  }
  return {
    minScore: flags.minScore ?? config.minScore ?? DEFAULT_POLICY.minScore,
    minPrincipleScore: flags.minPrincipleScore ?? config.minPrincipleScore ?? DEFAULT_POLICY.minPrincipleScore,
    principleMinScores: new Map([...(config.principleMinScores ?? []), ...(flags.minScoreFor ?? [])]),
    allowUnanswered: flags.allowUnanswered ?? config.allowUnanswered ?? DEFAULT_POLICY.allowUnanswered,
    requireEvidence: flags.requireEvidence ?? config.requireEvidence ?? DEFAULT_POLICY.requireEvidence,
    maxAgeDays: flags.maxAgeDays ?? config.maxAgeDays ?? DEFAULT_POLICY.maxAgeDays,
    baseline: flags.baseline ?? config.baseline ?? DEFAULT_POLICY.baseline,
    noRegressions: flags.regressions === false,
    minLevel: flags.minLevel ?? config.minLevel ?? DEFAULT_POLICY.minLevel,

    ...coveragePolicy(config, flags),
  };
}

/** The frameworks and minimum coverage of a run: each needs the other, from flags or the config. */
function coveragePolicy(config: PolicySettings, flags: PolicyFlags): Pick<Policy, "frameworks" | "minCoverage"> {
  const frameworks = flags.framework ?? config.frameworks ?? DEFAULT_POLICY.frameworks;
  const minCoverage = flags.minCoverage ?? config.minCoverage ?? DEFAULT_POLICY.minCoverage;
  if (minCoverage !== null && !frameworks.length) throw new UsageError("a minimum coverage needs the framework it applies to", "add --framework ID (or framework: in the config); 'rml-assess crosswalk --list' names them");
  if (minCoverage === null && frameworks.length) throw new UsageError(`--framework ${frameworks.join(",")} needs a minimum coverage to check`, "add --min-coverage N (or min-coverage: in the config), or see the coverage with 'rml-assess crosswalk'");
  return { frameworks, minCoverage };
}

/**
 * Where each policy key of a run came from, keyed as `policyEntries` names them: "flags" or the
 * config file's name. Keys absent here are the defaults.
 */
export function policyOrigins(config: { file: string; policy: PolicySettings } | null, flags: PolicyFlags): Map<string, string> {
  const origins = new Map<string, string>();
  const set = (key: string, fromFlag: boolean, fromConfig: boolean) => {
    if (fromFlag) origins.set(key, "flags");
    else if (fromConfig && config) origins.set(key, config.file);
  };
  const c = config?.policy ?? {};
  set("min-score", flags.minScore !== undefined, c.minScore !== undefined);
  set("min-principle-score", flags.minPrincipleScore !== undefined, c.minPrincipleScore !== undefined);
  for (const [id] of c.principleMinScores ?? []) set(`min-score-for.${id}`, false, true);
  for (const [id] of flags.minScoreFor ?? []) set(`min-score-for.${id}`, true, false);
  set("allow-unanswered", flags.allowUnanswered !== undefined, c.allowUnanswered !== undefined);
  set("require-evidence", flags.requireEvidence !== undefined, c.requireEvidence !== undefined);
  set("max-age-days", flags.maxAgeDays !== undefined, c.maxAgeDays !== undefined);
  set("min-level", flags.minLevel !== undefined, c.minLevel !== undefined);

  set("framework", flags.framework !== undefined, c.frameworks !== undefined);
  set("min-coverage", flags.minCoverage !== undefined, c.minCoverage !== undefined);
  return origins;
}
