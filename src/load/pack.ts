import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { InputError, listed, type Diagnostic } from "../errors.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile, type TextFile } from "../io/read.js";
import type { AnswerOption, AnswerValue, Band, Pack, Principle, RetiredQuestion, Trait } from "../core/types.js";
import { validate as validatePack } from "../generated/pack.js";
import { validate as validatePrinciple } from "../generated/principle.js";
import { schemaDiagnostics } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { parseYaml, pathPosition, toData, type YamlSource } from "./yaml.js";

interface Parsed<T> {
  source?: YamlSource;
  data?: T;
  diagnostics: Diagnostic[];
}

/** Parses and schema-validates one YAML file of a pack. */
function parseChecked<T>(file: TextFile, schema: "pack" | "principle"): Parsed<T> {
  const { source, diagnostics } = parseYaml(file.file, file.text);
  if (!source || diagnostics.length) return { diagnostics };
  if (source.doc.contents === null) {
    return { diagnostics: [{ file: file.file, line: 1, column: 1, message: "the file is empty" }] };
  }
  const converted = toData(source);
  if ("error" in converted) return { diagnostics: [converted.error] };
  const problems = schemaDiagnostics(schema === "pack" ? validatePack : validatePrinciple, source, converted.data);
  return { source, data: problems.length ? undefined : (converted.data as T), diagnostics: problems };
}

interface ManifestData {
  id: string; title: string; version: string; source?: string; description?: string;
  /** Exactly one of the two is present (the schema's oneOf): a level pack lists levels:, older ones principles:. */
  principles?: string[];
  levels?: string[];
  "card-topics"?: { title: string; questions: string[] }[];
  answers: Record<AnswerValue, { label: string; description?: string; value?: number }>;
  bands: Band[];
  traits?: Trait[];
  retired?: { id: string; "replaced-by"?: string[]; note?: string }[];
  scoring?: "weighted" | "levels";
}

interface ProbeData {
  what: string; files: string[]; contains?: string[]; suggests?: "evidence"; contradicts?: "yes";
}

interface PrincipleData {
  id: string; number: number; title: string; summary: string; weight?: number;
  commitment?: { text: string; source: string };
  phase?: string;
  "na-allowed-for"?: string[];
  questions: { id: string; text: string; guidance: string; "red-flag": string; recommendation: string; evidence: string; refs: string[]; weight?: number; "applies-to"?: string[]; "na-allowed-for"?: string[]; probes?: ProbeData[] }[];
}

function toPrinciple(d: PrincipleData): Principle {
  return {
    id: d.id, number: d.number, title: d.title, summary: d.summary.trim(), weight: d.weight ?? 1,
    ...(d.commitment ? { commitment: { text: d.commitment.text.trim(), source: d.commitment.source } } : {}),
    ...(d.phase ? { phase: d.phase } : {}),
    naAllowedFor: d["na-allowed-for"] ?? [],
    questions: d.questions.map((q) => ({
      id: q.id, text: q.text.trim(), guidance: q.guidance.trim(), redFlag: q["red-flag"].trim(),
      recommendation: q.recommendation.trim(), evidence: q.evidence.trim(), refs: q.refs, weight: q.weight ?? 1,
      appliesTo: q["applies-to"] ?? [], naAllowedFor: q["na-allowed-for"] ?? [],
      ...(q.probes ? { probes: q.probes.map((r) => ({ what: r.what.trim(), files: r.files, contains: r.contains ?? [], suggests: r.suggests === "evidence", contradictsYes: r.contradicts === "yes" })) } : {}),
    })),
  };
}

/** Checks what a schema cannot: ids match file names, question ids are unique, applies-to names declared traits. */
function principleDiagnostics(src: YamlSource, d: PrincipleData, expectedId: string, traits: string[], scoring: ManifestData["scoring"]): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A principle states its commitment; a level (scoring: levels) states its purpose in its summary.
  if (scoring !== "levels" && !d.commitment) out.push({ file: src.file, ...pathPosition(src, []), message: `principle '${d.id}' has no commitment`, hint: "add commitment: with text: and source:" });
  if (d.id !== expectedId) {
    out.push({ file: src.file, ...pathPosition(src, ["id"]), message: `id '${d.id}' does not match the file name '${expectedId}.yaml'`, hint: `set id: ${expectedId}, or rename the file` });
  }
  const undeclared = (trait: string, path: (string | number)[], what: string) => {
    if (traits.includes(trait)) return;
    out.push({
      file: src.file, ...pathPosition(src, path),
      message: `${what} the trait '${trait}', which pack.yaml does not declare`,
      hint: traits.length ? didYouMean(trait, traits, "trait") : "declare it under traits: in pack.yaml, with a one-line description",
    });
  };
  // n/a passing a gate check is a rule of level packs only; elsewhere n/a is always left out of the score.
  const naOutsideLevels = (path: (string | number)[]) => {
    if (scoring !== "levels") out.push({ file: src.file, ...pathPosition(src, path), message: "na-allowed-for is only for level packs (scoring: levels)", hint: "remove it; in a weighted pack n/a with notes is left out of the score" });
  };
  if (d["na-allowed-for"]) naOutsideLevels(["na-allowed-for"]);
  (d["na-allowed-for"] ?? []).forEach((trait, t) => undeclared(trait, ["na-allowed-for", t], `level '${d.id}' allows n/a for`));
  const seen = new Set<string>();
  d.questions.forEach((q, i) => {
    if (seen.has(q.id)) out.push({ file: src.file, ...pathPosition(src, ["questions", i, "id"]), message: `question id '${q.id}' is used twice in this principle`, hint: "give each question its own id" });
    seen.add(q.id);
    (q["applies-to"] ?? []).forEach((trait, t) => undeclared(trait, ["questions", i, "applies-to", t], `question '${q.id}' applies to`));
    if (q["na-allowed-for"]) naOutsideLevels(["questions", i, "na-allowed-for"]);
    (q.probes ?? []).forEach((r, j) => {
      if (!r.suggests && !r.contradicts) out.push({ file: src.file, ...pathPosition(src, ["questions", i, "probes", j]), message: `a probe of question '${q.id}' neither suggests evidence nor contradicts a yes`, hint: "add suggests: evidence, contradicts: yes, or both" });
    });
    (q["na-allowed-for"] ?? []).forEach((trait, t) => undeclared(trait, ["questions", i, "na-allowed-for", t], `question '${q.id}' allows n/a for`));
  });
  return out;
}

/** Checks retired ids: each unique, none still a question, each replacement a current question. */
function retiredDiagnostics(src: YamlSource, retired: NonNullable<ManifestData["retired"]>, principles: Principle[]): Diagnostic[] {
  const current = principles.flatMap((p) => p.questions.map((q) => `${p.id}/${q.id}`));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  retired.forEach((r, i) => {
    if (seen.has(r.id)) out.push({ file: src.file, ...pathPosition(src, ["retired", i, "id"]), message: `retired id '${r.id}' is listed twice`, hint: "list each retired question once" });
    seen.add(r.id);
    if (current.includes(r.id)) out.push({ file: src.file, ...pathPosition(src, ["retired", i, "id"]), message: `'${r.id}' is listed as retired but is still a question of the pack`, hint: "remove it from retired:, or from its principle's questions" });
    (r["replaced-by"] ?? []).forEach((id, j) => {
      if (!current.includes(id)) out.push({ file: src.file, ...pathPosition(src, ["retired", i, "replaced-by", j]), message: `retired '${r.id}' is replaced by '${id}', which is not a question of the pack`, hint: didYouMean(id, current, "question") });
    });
  });
  return out;
}

/** Every question a card topic names must be a question of the pack. */
function cardTopicDiagnostics(src: YamlSource, topics: { title: string; questions: string[] }[], principles: Principle[]): Diagnostic[] {
  const known = new Set(principles.flatMap((p) => p.questions.map((q) => `${p.id}/${q.id}`)));
  return topics.flatMap((t, i) => t.questions.flatMap((id, j) => (known.has(id) ? [] : [{
    file: src.file, ...pathPosition(src, ["card-topics", i, "questions", j]), message: `card topic '${t.title}' names '${id}', which is not a question of this pack`, hint: didYouMean(id, [...known], "question"),
  }])));
}

/** A level pack's sections are its levels: numbered 0, 1, 2, … in the order pack.yaml lists them, each with a phase. */
function levelDiagnostics(src: YamlSource, principles: Principle[], listKey: "levels" | "principles"): Diagnostic[] {
  const out: Diagnostic[] = [];
  principles.forEach((p, i) => {
    if (p.number !== i) out.push({ file: src.file, ...pathPosition(src, [listKey, i]), message: `level '${p.id}' is number ${p.number}, but a level pack numbers its levels 0, 1, 2, … in the order listed`, hint: `set number: ${i} in ${p.id}.yaml, or reorder the list` });
    if (!p.phase) out.push({ file: src.file, ...pathPosition(src, [listKey, i]), message: `level '${p.id}' has no phase`, hint: `add phase: (e.g. research) to ${p.id}.yaml` });
  });
  return out;
}

function bandDiagnostics(src: YamlSource, bands: Band[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (bands[0] && bands[0].min !== 0) out.push({ file: src.file, ...pathPosition(src, ["bands", 0, "min"]), message: "the first band must start at 0", hint: "set its min to 0" });
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    if (prev && b.min <= prev.min) out.push({ file: src.file, ...pathPosition(src, ["bands", i, "min"]), message: `bands must rise: ${b.min} does not come after ${prev.min}`, hint: "list bands by ascending min" });
  });
  return out;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Loads a pack directory: pack.yaml, then <id>.yaml for each principle it lists. Every file is
 * schema-validated and every problem in every file is collected before failing with InputError.
 */
export function loadPack(dir: string, cwd: string, origin: string): Pack {
  const show = (name: string) => displayPath(resolve(cwd, dir, name), cwd);
  const manifestFile = readTextFile(join(resolve(cwd, dir), "pack.yaml"), show("pack.yaml"));
  if (isDiagnostic(manifestFile)) {
    throw new InputError([{ ...manifestFile, hint: /^no such file|^does not exist/.test(manifestFile.message) ? "a pack directory holds pack.yaml and one <id>.yaml per principle" : manifestFile.hint }]);
  }
  const manifest = parseChecked<ManifestData>(manifestFile, "pack");
  if (!manifest.data || !manifest.source) throw new InputError(listed(manifest.diagnostics));
  const diagnostics = bandDiagnostics(manifest.source, manifest.data.bands);
  const traitIds = (manifest.data.traits ?? []).map((t) => t.id);
  traitIds.forEach((id, i) => {
    if (traitIds.indexOf(id) !== i) diagnostics.push({ file: manifest.source!.file, ...pathPosition(manifest.source!, ["traits", i, "id"]), message: `trait '${id}' is declared twice`, hint: "declare each trait once" });
  });
  const manifestLines = [`${sha256(manifestFile.bytes)}  pack.yaml`];
  const principles: Principle[] = [];
  const listKey = manifest.data.levels ? "levels" : "principles";
  if (!manifest.data.levels === !manifest.data.principles) {
    const both = Boolean(manifest.data.levels);
    throw new InputError([{ file: manifest.source.file, ...(both ? pathPosition(manifest.source, ["levels"]) : { line: 1, column: 1 }), message: both ? "pack.yaml lists both principles: and levels:" : "pack.yaml lists no sections: it needs principles: (or levels: in a level pack)", hint: both ? "keep one list: levels: for a level pack, principles: otherwise" : "add principles: with the id of each <id>.yaml beside pack.yaml, in order" }]);
  }
  if (listKey === "levels" && manifest.data.scoring !== "levels") {
    diagnostics.push({ file: manifest.source.file, ...pathPosition(manifest.source, ["levels"]), message: "levels: lists the sections of a level pack, but this pack scores by weight", hint: "add scoring: levels, or rename levels: to principles:" });
  }
  (manifest.data.levels ?? manifest.data.principles ?? []).forEach((id, index) => {
    const file = readTextFile(join(resolve(cwd, dir), `${id}.yaml`), show(`${id}.yaml`));
    if (isDiagnostic(file)) {
      const src = manifest.source!;
      const why = file.message === "no such file" ? "does not exist" : file.message;
      diagnostics.push({ file: src.file, ...pathPosition(src, [listKey, index]), message: `${listKey === "levels" ? "level" : "principle"} '${id}' is listed but ${file.file} ${why}`, hint: `add ${id}.yaml beside pack.yaml, or remove it from the list` });
      return;
    }
    manifestLines.push(`${sha256(file.bytes)}  ${id}.yaml`);
    const parsed = parseChecked<PrincipleData>(file, "principle");
    diagnostics.push(...parsed.diagnostics);
    if (parsed.data && parsed.source) {
      const extra = principleDiagnostics(parsed.source, parsed.data, id, traitIds, manifest.data!.scoring);
      diagnostics.push(...extra);
      if (!extra.length) principles.push(toPrinciple(parsed.data));
    }
  });
  if (manifest.data.scoring === "levels" && !diagnostics.length) diagnostics.push(...levelDiagnostics(manifest.source, principles, listKey));
  if (!diagnostics.length) diagnostics.push(...cardTopicDiagnostics(manifest.source, manifest.data["card-topics"] ?? [], principles));
  // Replacements are checked only against a fully loaded pack, so a broken principle is not reported twice.
  if (!diagnostics.length) diagnostics.push(...retiredDiagnostics(manifest.source, manifest.data.retired ?? [], principles));
  if (diagnostics.length) throw new InputError(listed(diagnostics));
  const d = manifest.data;
  const retired: RetiredQuestion[] = (d.retired ?? []).map((r) => ({ id: r.id, replacedBy: r["replaced-by"] ?? [], note: (r.note ?? "").trim() }));
  const answerOptions: AnswerOption[] = (["yes", "partial", "no", "n/a"] as const).map((id) => ({
    id, label: d.answers[id].label, description: d.answers[id].description ?? "", value: id === "n/a" ? null : d.answers[id].value ?? 0,
  }));
  return {
    id: d.id, title: d.title, version: d.version, source: d.source ?? "", description: (d.description ?? "").trim(),
    principles, answerOptions, bands: d.bands, origin,
    traits: (d.traits ?? []).map((t) => ({ id: t.id, description: t.description.trim() })), retired,
    fingerprint: sha256(manifestLines.map((l) => `${l}\n`).join("")),
    scoring: d.scoring ?? "weighted",
    ...(d["card-topics"] ? { cardTopics: d["card-topics"].map((t) => ({ title: t.title, questions: t.questions })) } : {}),
  };
}
