import { CONFIG_FILE } from "../paths.js";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isMap, isScalar, type Node } from "yaml";
import { InputError, listed, type Diagnostic } from "../errors.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import type { Io } from "../io/io.js";
import { visible } from "../io/terminal.js";
import type { Pack } from "../core/types.js";
import { validate as validateConfig } from "../generated/config.js";
import { schemaDiagnostics } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { nodePosition, nodesAt, parseYaml, toData, type YamlSource } from "./yaml.js";

/** The config file `check` looks for in the working directory. */
export { CONFIG_FILE };

/** Policy keys as set by a config file or by flags; what is absent is left to the other, or the default. */
export interface PolicySettings {
  minScore?: number;
  minPrincipleScore?: number;
  principleMinScores?: Map<string, number>;
  allowUnanswered?: boolean;
  requireEvidence?: boolean;
  requirePartialNotes?: boolean;
  maxAgeDays?: number;
  baseline?: string;
  minLevel?: number;

  frameworks?: string[];
  minCoverage?: number;
  verifyEvidence?: boolean;
  requireSignoff?: boolean;
  probe?: boolean;
  requireProbeAgreement?: boolean;
  /** `policy.risk`: project.risk tier → the keys that replace the general ones for files of that tier. */
  risk?: Map<string, PolicySettings>;
  /** `policy.pack`: pack id → the keys for that pack's files, on top of the general and tier keys. */
  packs?: Map<string, PolicySettings>;
}

export interface Config {
  /** The path as users should see it. */
  file: string;
  policy: PolicySettings;
  /** `packs:` the packs this repository's answers files may use (built-in names or directories), the first the default; undefined when not set. */
  packs?: string[];
}

interface PolicyData {
  "min-score"?: number;
  "min-principle-score"?: number;
  "min-score-for"?: Record<string, number> | null;
  "allow-unanswered"?: boolean;
  "require-evidence"?: boolean;
  "require-partial-notes"?: boolean;
  "max-age-days"?: number;
  baseline?: string;
  "min-level"?: number;

  framework?: string | string[];
  "min-coverage"?: number;
  "verify-evidence"?: boolean;
  "require-signoff"?: boolean;
  probe?: boolean;
  "require-probe-agreement"?: boolean;
  risk?: Record<string, PolicyData | null> | null;
  pack?: Record<string, PolicyData | null> | null;
}

/** `min-score-for` keys must name principles of the loaded pack; each unknown one is located. */
function principleDiagnostics(src: YamlSource, pack: Pack, path: string[] = ["policy", "min-score-for"]): Diagnostic[] {
  const { value: node, depth } = nodesAt(src, path);
  if (depth !== path.length || !isMap(node)) return [];
  const ids = pack.principles.map((p) => p.id);
  return node.items
    .map((pair) => ({ key: isScalar(pair.key) ? String(pair.key.value) : "", keyNode: pair.key as Node }))
    .filter(({ key }) => !ids.includes(key))
    .map(({ key, keyNode }) => ({
      file: src.file, ...nodePosition(src, keyNode),
      message: `unknown principle '${visible(key)}' in '${path.join(".")}' (pack '${pack.id}')`,
      hint: didYouMean(key, ids, "principle"),
    }));
}

/** Keys that only a scored pack's files can meet, and the one only a level pack's can. */
export const SCORE_KEYS = ["min-score", "min-principle-score", "min-score-for"] as const;
export const LEVEL_KEYS = ["min-level"] as const;

/**
 * `policy.pack.<id>` sections of the run's packs: a score key in a level pack's section, or
 * min-level in a scored pack's, can never apply and is an error at the key; `min-score-for` names
 * that pack's principles.
 */
function packSectionDiagnostics(src: YamlSource, packs: Pack[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const pack of packs) {
    const { value: node, depth } = nodesAt(src, ["policy", "pack", pack.id]);
    if (depth !== 3 || !isMap(node)) continue;
    const wrong: readonly string[] = pack.scoring === "levels" ? SCORE_KEYS : LEVEL_KEYS;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (!wrong.includes(key)) continue;
      out.push({
        file: src.file, ...nodePosition(src, pair.key as Node),
        message: pack.scoring === "levels"
          ? `'policy.pack.${pack.id}.${key}' cannot apply: pack '${pack.id}' is a level pack, judged by its readiness level, not by scores`
          : `'policy.pack.${pack.id}.${key}' cannot apply: pack '${pack.id}' is scored by weight and has no readiness levels`,
        hint: pack.scoring === "levels" ? `use min-level in policy.pack.${pack.id}, or move ${key} to the section of a scored pack` : `use min-score in policy.pack.${pack.id}, or move min-level to the section of a level pack (e.g. policy.pack.mltrl)`,
      });
    }
    if (pack.scoring === "weighted") out.push(...principleDiagnostics(src, pack, ["policy", "pack", pack.id, "min-score-for"]));
  }
  return out;
}

function toSettings(data: PolicyData | null | undefined): PolicySettings {
  const d = data ?? {};
  const settings: PolicySettings = {};
  if (d["min-score"] !== undefined) settings.minScore = d["min-score"];
  if (d["min-principle-score"] !== undefined) settings.minPrincipleScore = d["min-principle-score"];
  if (d["min-score-for"]) settings.principleMinScores = new Map(Object.entries(d["min-score-for"]));
  if (d["allow-unanswered"] !== undefined) settings.allowUnanswered = d["allow-unanswered"];
  if (d["require-evidence"] !== undefined) settings.requireEvidence = d["require-evidence"];
  if (d["require-partial-notes"] !== undefined) settings.requirePartialNotes = d["require-partial-notes"];
  if (d["max-age-days"] !== undefined) settings.maxAgeDays = d["max-age-days"];
  if (d.baseline !== undefined) settings.baseline = d.baseline;
  if (d["min-level"] !== undefined) settings.minLevel = d["min-level"];

  if (d.framework !== undefined) settings.frameworks = typeof d.framework === "string" ? [d.framework] : d.framework;
  if (d["min-coverage"] !== undefined) settings.minCoverage = d["min-coverage"];
  if (d["verify-evidence"] !== undefined) settings.verifyEvidence = d["verify-evidence"];
  if (d["require-signoff"] !== undefined) settings.requireSignoff = d["require-signoff"];
  if (d.probe !== undefined) settings.probe = d.probe;
  if (d["require-probe-agreement"] !== undefined) settings.requireProbeAgreement = d["require-probe-agreement"];
  if (d.risk) settings.risk = new Map(Object.entries(d.risk).map(([tier, keys]) => [tier, toSettings(keys)]));
  if (d.pack) settings.packs = new Map(Object.entries(d.pack).map(([id, keys]) => [id, toSettings(keys)]));
  return settings;
}

/**
 * The config for a run: the file given with --config, else .rml-assess.yaml in the working
 * directory when there is one, else none (also with --no-config, given as `false`). It is
 * validated like every input: every problem, located, thrown together as one InputError.
 * `packsOf` gives the packs the policy allows, from its `packs:` (undefined when it has none) and the
 * config file's folder, which relative pack directories start from.
 */
export async function loadConfig(option: string | false | undefined, packsOf: (packs: string[] | undefined, dir: string) => Promise<Pack[]>, io: Io): Promise<Config | null> {
  if (option === false) return null;
  const path = resolve(io.cwd, option ?? CONFIG_FILE);
  if (option === undefined && !existsSync(path)) return null;
  const file = readTextFile(path, displayPath(path, io.cwd));
  if (isDiagnostic(file)) throw new InputError([{ ...file, hint: file.message === "no such file" ? "check the path given with --config" : file.hint }]);
  const { source: src, diagnostics } = parseYaml(file.file, file.text);
  if (!src || diagnostics.length) throw new InputError(diagnostics);
  if (src.doc.contents === null) return { file: file.file, policy: {} };
  const converted = toData(src);
  if ("error" in converted) throw new InputError([converted.error]);
  const data = converted.data as { policy?: PolicyData | null; packs?: unknown };
  // The packs the policy allows (from `packs:`, once it is itself valid): what its principle ids and
  // policy.pack sections are checked against. Principle minimums name the principles of the first
  // scored pack; a policy of level packs only has none to name.
  const namedPacks = Array.isArray(data.packs) && data.packs.length && data.packs.every((p) => typeof p === "string" && p) ? (data.packs as string[]) : undefined;
  const packs = await packsOf(namedPacks, dirname(path));
  const scored = packs.find((p) => p.scoring === "weighted");
  const tiers = scored ? ["minimal", "limited", "high"].map((tier) => principleDiagnostics(src, scored, ["policy", "risk", tier, "min-score-for"])) : [];
  const schema = schemaDiagnostics(validateConfig, src, converted.data);
  const sections = schema.length ? [] : packSectionDiagnostics(src, packs);
  const problems = [...schema, ...(scored ? principleDiagnostics(src, scored) : []), ...tiers.flat(), ...sections];
  if (problems.length) throw new InputError(listed(problems));
  return { file: file.file, policy: toSettings(data.policy), ...(namedPacks ? { packs: namedPacks } : {}) };
}
