import { DEFAULT_POLICY } from "../core/findings.js";
import type { Pack } from "../core/types.js";
import type { Policy } from "../core/verdict.js";
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
  /** --baseline FILE, REF:PATH or REF; false with --no-baseline. */
  baseline?: string | false;
  /** false with --no-regressions. */
  regressions?: boolean;
  minLevel?: number;

  /** From repeated --framework ID. */
  framework?: string[];
  minCoverage?: number;
  verifyEvidence?: boolean;
  requireSignoff?: boolean;
  probe?: boolean;
  requireProbeAgreement?: boolean;
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
export function resolvePolicy(general: PolicySettings, flags: PolicyFlags, pack: Pack, tier: string | null = null, frameworks?: string[]): Policy {
  const ids = pack.principles.map((p) => p.id);
  for (const [id] of pack.scoring === "levels" ? [] : flags.minScoreFor ?? []) {
    if (!ids.includes(id)) throw new UsageError(`unknown principle '${id}' in --min-score-for ${id}=…`, didYouMean(id, ids, "principle"));
  }
  const config = withSection(withTier(general, tier), general.packs?.get(pack.id));
  return scoped(pack, frameworks, {
    minScore: flags.minScore ?? config.minScore ?? DEFAULT_POLICY.minScore,
    minPrincipleScore: flags.minPrincipleScore ?? config.minPrincipleScore ?? DEFAULT_POLICY.minPrincipleScore,
    principleMinScores: new Map([...(config.principleMinScores ?? []), ...(flags.minScoreFor ?? [])]),
    allowUnanswered: flags.allowUnanswered ?? config.allowUnanswered ?? DEFAULT_POLICY.allowUnanswered,
    requireEvidence: flags.requireEvidence ?? config.requireEvidence ?? DEFAULT_POLICY.requireEvidence,
    requirePartialNotes: flags.requirePartialNotes ?? config.requirePartialNotes ?? DEFAULT_POLICY.requirePartialNotes,
    maxAgeDays: flags.maxAgeDays ?? config.maxAgeDays ?? DEFAULT_POLICY.maxAgeDays,
    baseline: flags.baseline === false ? null : flags.baseline ?? config.baseline ?? DEFAULT_POLICY.baseline,
    noRegressions: flags.regressions === false,
    minLevel: flags.minLevel ?? config.minLevel ?? DEFAULT_POLICY.minLevel,
    ...coveragePolicy(config, flags),
    verifyEvidence: flags.verifyEvidence ?? config.verifyEvidence ?? DEFAULT_POLICY.verifyEvidence,
    requireSignoff: flags.requireSignoff ?? config.requireSignoff ?? DEFAULT_POLICY.requireSignoff,
    ...probePolicy(config, flags),
    riskTier: tier !== null && general.risk?.has(tier) ? tier : null,
    pack: pack.id,
    notApplicable: [],
  });
}

/**
 * A policy narrowed to what its pack's files can meet: a level pack's files are not scored (the
 * score keys move to `notApplicable`), a scored pack's have no levels (min-level does), so every
 * key set is either applied or shown as not applicable, never dropped without a word. Frameworks
 * the pack has no crosswalk for (`frameworks` lists those it has, when known) are not applicable either.
 */
function scoped(pack: Pack, frameworks: string[] | undefined, policy: Policy): Policy {
  const notApplicable: [string, string][] = [];
  // A framework the pack has no crosswalk for cannot be covered by its files.
  const missing = frameworks === undefined || policy.minCoverage === null ? [] : policy.frameworks.filter((id) => !frameworks.includes(id));
  if (missing.length) {
    const kept = policy.frameworks.filter((id) => frameworks!.includes(id));
    notApplicable.push(["framework", missing.join(",")]);
    if (!kept.length) notApplicable.push(["min-coverage", String(policy.minCoverage)]);
    policy = { ...policy, frameworks: kept, minCoverage: kept.length ? policy.minCoverage : null };
  }
  if (pack.scoring === "levels") {
    if (policy.minScore !== null) notApplicable.push(["min-score", String(policy.minScore)]);
    if (policy.minPrincipleScore !== null) notApplicable.push(["min-principle-score", String(policy.minPrincipleScore)]);
    for (const [id, min] of policy.principleMinScores) notApplicable.push([`min-score-for.${id}`, String(min)]);
    return { ...policy, minScore: null, minPrincipleScore: null, principleMinScores: new Map(), notApplicable };
  }
  if (policy.minLevel !== null) notApplicable.push(["min-level", String(policy.minLevel)]);
  return { ...policy, minLevel: null, notApplicable };
}

/**
 * The flags that no checked file's pack can take, as a usage error: score flags when every pack
 * is a level pack, --min-level when none is.
 */
export function refuseInapplicableFlags(flags: PolicyFlags, packs: Pack[]): void {
  const first = packs[0]!;
  if (flags.minLevel !== undefined && !packs.some((p) => p.scoring === "levels")) {
    throw new UsageError(`--min-level applies to level packs, and pack '${first.id}' scores by weight`, "use it with a level pack (e.g. --pack mltrl, or pack: mltrl in the answers file), or use --min-score");
  }
  const score = [flags.minScore !== undefined && "--min-score", flags.minPrincipleScore !== undefined && "--min-principle-score", flags.minScoreFor !== undefined && "--min-score-for"].filter(Boolean);
  if (score.length && !packs.some((p) => p.scoring === "weighted")) {
    throw new UsageError(`${score.join(" and ")} ${score.length === 1 ? "applies" : "apply"} to scored packs, and pack '${first.id}' is a level pack, judged by its readiness level`, "use --min-level N with a level pack, or check the files of a scored pack (e.g. responsible-ml)");
  }
}

/** Whether probes run and how PROBE_CONTRADICTS counts: require-probe-agreement runs them too; --no-probe turns both off. */
function probePolicy(config: PolicySettings, flags: PolicyFlags): Pick<Policy, "probe" | "requireProbeAgreement"> {
  const agreement = flags.requireProbeAgreement ?? config.requireProbeAgreement ?? DEFAULT_POLICY.requireProbeAgreement;
  const probe = flags.probe ?? (config.probe || agreement || DEFAULT_POLICY.probe);
  return { probe, requireProbeAgreement: probe && agreement };
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
  return withSection(general, tier === null ? undefined : general.risk?.get(tier));
}

/** Keys with a section's keys on top (a tier's, or a pack's), min-score-for merged by principle. */
function withSection(general: PolicySettings, keys: PolicySettings | undefined): PolicySettings {
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
export function policyOrigins(config: { file: string; policy: PolicySettings } | null, flags: PolicyFlags, tier: string | null = null, pack: string | null = null): Map<string, string> {
  const origins = new Map<string, string>();
  const tierKeys = tier === null ? undefined : config?.policy.risk?.get(tier);
  const packKeys = pack === null ? undefined : config?.policy.packs?.get(pack);
  const inSection = (keys: PolicySettings | undefined, key: string) => {
    if (!keys || !config) return false;
    const k = key.startsWith("min-score-for.") ? keys.principleMinScores?.has(key.slice(14)) : (keys as Record<string, unknown>)[camel(key)] !== undefined;
    return Boolean(k);
  };
  const set = (key: string, fromFlag: boolean, fromConfig: boolean) => {
    if (fromFlag) origins.set(key, "flags");
    else if (inSection(packKeys, key)) origins.set(key, `${config!.file} policy.pack.${pack}`);
    else if (inSection(tierKeys, key)) origins.set(key, `${config!.file} policy.risk.${tier}`);
    else if (fromConfig && config) origins.set(key, config.file);
  };
  const c = withSection(withTier(config?.policy ?? {}, tier), packKeys);
  set("min-score", flags.minScore !== undefined, c.minScore !== undefined);
  set("min-principle-score", flags.minPrincipleScore !== undefined, c.minPrincipleScore !== undefined);
  for (const [id] of c.principleMinScores ?? []) set(`min-score-for.${id}`, false, true);
  for (const [id] of flags.minScoreFor ?? []) set(`min-score-for.${id}`, true, false);
  set("allow-unanswered", flags.allowUnanswered !== undefined, c.allowUnanswered !== undefined);
  set("require-evidence", flags.requireEvidence !== undefined, c.requireEvidence !== undefined);
  set("require-partial-notes", flags.requirePartialNotes !== undefined, c.requirePartialNotes !== undefined);
  set("max-age-days", flags.maxAgeDays !== undefined, c.maxAgeDays !== undefined);
  set("baseline", flags.baseline !== undefined, c.baseline !== undefined);
  set("no-regressions", flags.regressions === false, false);
  set("min-level", flags.minLevel !== undefined, c.minLevel !== undefined);
  set("framework", flags.framework !== undefined, c.frameworks !== undefined);
  set("min-coverage", flags.minCoverage !== undefined, c.minCoverage !== undefined);
  set("verify-evidence", flags.verifyEvidence !== undefined, c.verifyEvidence !== undefined);
  set("require-signoff", flags.requireSignoff !== undefined, c.requireSignoff !== undefined);
  set("probe", flags.probe !== undefined, c.probe !== undefined);
  set("require-probe-agreement", flags.requireProbeAgreement !== undefined, c.requireProbeAgreement !== undefined);
  return origins;
}

/** A policy key's name in PolicySettings: "min-score" → "minScore". */
const camel = (key: string) => (key === "framework" ? "frameworks" : key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));
