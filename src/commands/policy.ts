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
  requirePartialNotes?: boolean;
  maxAgeDays?: number;
  /** --baseline FILE or REF:PATH. */
  baseline?: string;
  /** false with --no-regressions. */
  regressions?: boolean;
  minLevel?: number;

  /** From repeated --framework ID. */
  framework?: string[];
  minCoverage?: number;
  verifyEvidence?: boolean;
  requireSignoff?: boolean;
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
export function resolvePolicy(general: PolicySettings, flags: PolicyFlags, pack: Pack, tier: string | null = null): Policy {
  const ids = pack.principles.map((p) => p.id);
  for (const [id] of flags.minScoreFor ?? []) {
    if (!ids.includes(id)) throw new UsageError(`unknown principle '${id}' in --min-score-for ${id}=…`, didYouMean(id, ids, "principle"));
  }
  const config = withTier(general, tier);
  return {
    minScore: flags.minScore ?? config.minScore ?? DEFAULT_POLICY.minScore,
    minPrincipleScore: flags.minPrincipleScore ?? config.minPrincipleScore ?? DEFAULT_POLICY.minPrincipleScore,
    principleMinScores: new Map([...(config.principleMinScores ?? []), ...(flags.minScoreFor ?? [])]),
    allowUnanswered: flags.allowUnanswered ?? config.allowUnanswered ?? DEFAULT_POLICY.allowUnanswered,
    requireEvidence: flags.requireEvidence ?? config.requireEvidence ?? DEFAULT_POLICY.requireEvidence,
    requirePartialNotes: flags.requirePartialNotes ?? config.requirePartialNotes ?? DEFAULT_POLICY.requirePartialNotes,
    maxAgeDays: flags.maxAgeDays ?? config.maxAgeDays ?? DEFAULT_POLICY.maxAgeDays,
    baseline: flags.baseline ?? config.baseline ?? DEFAULT_POLICY.baseline,
    noRegressions: flags.regressions === false,
    minLevel: flags.minLevel ?? config.minLevel ?? DEFAULT_POLICY.minLevel,
    ...coveragePolicy(config, flags),
    verifyEvidence: flags.verifyEvidence ?? config.verifyEvidence ?? DEFAULT_POLICY.verifyEvidence,
    requireSignoff: flags.requireSignoff ?? config.requireSignoff ?? DEFAULT_POLICY.requireSignoff,
    riskTier: tier !== null && general.risk?.has(tier) ? tier : null,
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

/** The config's general keys with a risk tier's keys on top (min-score-for merged by principle). */
function withTier(general: PolicySettings, tier: string | null): PolicySettings {
  const keys = tier === null ? undefined : general.risk?.get(tier);
  if (!keys) return general;
  const merged: PolicySettings = { ...general, ...keys };
  if (general.principleMinScores || keys.principleMinScores) merged.principleMinScores = new Map([...(general.principleMinScores ?? []), ...(keys.principleMinScores ?? [])]);
  return merged;
}

/** The risk tier whose policy applies to a file: its project.risk when the config has a section for it. */
export function tierFor(config: PolicySettings | undefined, risk: string | undefined): string | null {
  return risk !== undefined && config?.risk?.has(risk) ? risk : null;
}

/**
 * Where each policy key of a run came from, keyed as `policyEntries` names them: "flags" or the
 * config file's name. Keys absent here are the defaults.
 */
export function policyOrigins(config: { file: string; policy: PolicySettings } | null, flags: PolicyFlags, tier: string | null = null): Map<string, string> {
  const origins = new Map<string, string>();
  const tierKeys = tier === null ? undefined : config?.policy.risk?.get(tier);
  const fromTier = (key: string) => {
    if (!tierKeys || !config) return false;
    const k = key.startsWith("min-score-for.") ? tierKeys.principleMinScores?.has(key.slice(14)) : (tierKeys as Record<string, unknown>)[camel(key)] !== undefined;
    return Boolean(k);
  };
  const set = (key: string, fromFlag: boolean, fromConfig: boolean) => {
    if (fromFlag) origins.set(key, "flags");
    else if (fromTier(key)) origins.set(key, `${config!.file} policy.risk.${tier}`);
    else if (fromConfig && config) origins.set(key, config.file);
  };
  const c = withTier(config?.policy ?? {}, tier);
  set("min-score", flags.minScore !== undefined, c.minScore !== undefined);
  set("min-principle-score", flags.minPrincipleScore !== undefined, c.minPrincipleScore !== undefined);
  for (const [id] of c.principleMinScores ?? []) set(`min-score-for.${id}`, false, true);
  for (const [id] of flags.minScoreFor ?? []) set(`min-score-for.${id}`, true, false);
  set("allow-unanswered", flags.allowUnanswered !== undefined, c.allowUnanswered !== undefined);
  set("require-evidence", flags.requireEvidence !== undefined, c.requireEvidence !== undefined);
  set("require-partial-notes", flags.requirePartialNotes !== undefined, c.requirePartialNotes !== undefined);
  set("max-age-days", flags.maxAgeDays !== undefined, c.maxAgeDays !== undefined);
  set("min-level", flags.minLevel !== undefined, c.minLevel !== undefined);
  set("framework", flags.framework !== undefined, c.frameworks !== undefined);
  set("min-coverage", flags.minCoverage !== undefined, c.minCoverage !== undefined);
  set("verify-evidence", flags.verifyEvidence !== undefined, c.verifyEvidence !== undefined);
  set("require-signoff", flags.requireSignoff !== undefined, c.requireSignoff !== undefined);
  return origins;
}

/** A policy key's name in PolicySettings: "min-score" → "minScore". */
const camel = (key: string) => (key === "framework" ? "frameworks" : key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
