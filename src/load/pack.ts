import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { InputError, listed, type Diagnostic } from "../errors.js";
import { displayPath } from "../io/paths.js";
import { isDiagnostic, readTextFile, type TextFile } from "../io/read.js";
import type { AnswerOption, AnswerValue, Band, Pack, Principle } from "../core/types.js";
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
  principles: string[];
  answers: Record<AnswerValue, { label: string; description?: string; value?: number }>;
  bands: Band[];
}

interface PrincipleData {
  id: string; number: number; title: string; summary: string; weight?: number;
  commitment: { text: string; source: string };
  questions: { id: string; text: string; guidance: string; "red-flag": string; recommendation: string; evidence: string; refs: string[]; weight?: number }[];
}

function toPrinciple(d: PrincipleData): Principle {
  return {
    id: d.id, number: d.number, title: d.title, summary: d.summary.trim(), weight: d.weight ?? 1,
    commitment: { text: d.commitment.text.trim(), source: d.commitment.source },
    questions: d.questions.map((q) => ({
      id: q.id, text: q.text.trim(), guidance: q.guidance.trim(), redFlag: q["red-flag"].trim(),
      recommendation: q.recommendation.trim(), evidence: q.evidence.trim(), refs: q.refs, weight: q.weight ?? 1,
    })),
  };
}

/** Checks what a schema cannot: ids match file names, numbers and question ids are unique. */
function principleDiagnostics(src: YamlSource, d: PrincipleData, expectedId: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (d.id !== expectedId) {
    out.push({ file: src.file, ...pathPosition(src, ["id"]), message: `id '${d.id}' does not match the file name '${expectedId}.yaml'`, hint: `set id: ${expectedId}, or rename the file` });
  }
  const seen = new Set<string>();
  d.questions.forEach((q, i) => {
    if (seen.has(q.id)) out.push({ file: src.file, ...pathPosition(src, ["questions", i, "id"]), message: `question id '${q.id}' is used twice in this principle`, hint: "give each question its own id" });
    seen.add(q.id);
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
  const manifestLines = [`${sha256(manifestFile.bytes)}  pack.yaml`];
  const principles: Principle[] = [];
  manifest.data.principles.forEach((id, index) => {
    const file = readTextFile(join(resolve(cwd, dir), `${id}.yaml`), show(`${id}.yaml`));
    if (isDiagnostic(file)) {
      const src = manifest.source!;
      const why = file.message === "no such file" ? "does not exist" : file.message;
      diagnostics.push({ file: src.file, ...pathPosition(src, ["principles", index]), message: `principle '${id}' is listed but ${file.file} ${why}`, hint: `add ${id}.yaml beside pack.yaml, or remove it from the list` });
      return;
    }
    manifestLines.push(`${sha256(file.bytes)}  ${id}.yaml`);
    const parsed = parseChecked<PrincipleData>(file, "principle");
    diagnostics.push(...parsed.diagnostics);
    if (parsed.data && parsed.source) {
      const extra = principleDiagnostics(parsed.source, parsed.data, id);
      diagnostics.push(...extra);
      if (!extra.length) principles.push(toPrinciple(parsed.data));
    }
  });
  if (diagnostics.length) throw new InputError(listed(diagnostics));
  const d = manifest.data;
  const answerOptions: AnswerOption[] = (["yes", "partial", "no", "n/a"] as const).map((id) => ({
    id, label: d.answers[id].label, description: d.answers[id].description ?? "", value: id === "n/a" ? null : d.answers[id].value ?? 0,
  }));
  return {
    id: d.id, title: d.title, version: d.version, source: d.source ?? "", description: (d.description ?? "").trim(),
    principles, answerOptions, bands: d.bands, origin,
    fingerprint: sha256(manifestLines.map((l) => `${l}\n`).join("")),
  };
}
