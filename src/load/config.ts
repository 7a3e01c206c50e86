import { CONFIG_FILE } from "../paths.js";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
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
  /** `policy.risk`: project.risk tier → the keys that replace the general ones for files of that tier. */
  risk?: Map<string, PolicySettings>;
}

export interface Config {
  /** The path as users should see it. */
  file: string;
  policy: PolicySettings;
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
  risk?: Record<string, PolicyData | null> | null;
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
  if (d.risk) settings.risk = new Map(Object.entries(d.risk).map(([tier, keys]) => [tier, toSettings(keys)]));
  return settings;
}

/**
 * The config for a run: the file given with --config, else .rml-assess.yaml in the working
 * directory when there is one, else none (also with --no-config, given as `false`). It is
 * validated like every input: every problem, located, thrown together as one InputError.
 */
export function loadConfig(option: string | false | undefined, pack: Pack, io: Io): Config | null {
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
  const tiers = ["minimal", "limited", "high"].map((tier) => principleDiagnostics(src, pack, ["policy", "risk", tier, "min-score-for"]));
  const problems = [...schemaDiagnostics(validateConfig, src, converted.data), ...principleDiagnostics(src, pack), ...tiers.flat()];
  if (problems.length) throw new InputError(listed(problems));
  return { file: file.file, policy: toSettings((converted.data as { policy?: PolicyData | null }).policy) };
}
