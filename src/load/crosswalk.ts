import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Crosswalk, FrameworkItem } from "../core/crosswalk.js";
import type { Pack } from "../core/types.js";
import { InputError, listed, UsageError, type Diagnostic } from "../errors.js";
import { validate as validateCrosswalk } from "../generated/crosswalk.js";
import { displayPath } from "../io/paths.js";
import { BUILTIN_PACK_DIR, BUILTIN_PACKS } from "../paths.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { schemaDiagnostics } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { parseYaml, pathPosition, toData, type YamlSource } from "./yaml.js";

interface CrosswalkData {
  framework: { id: string; title: string; version: string; source: string; reuse: string; note?: string; jurisdictions?: string[] };
  groups?: { id: string; title: string }[];
  items: {
    id: string; title: string; group?: string; article?: number; paragraph?: string; questions?: { id: string; rationale: string }[]; "not-covered"?: string;
    coverage?: "full" | "partial"; uncovered?: string; scope?: FrameworkItem["scope"];
  }[];
}

/** The directory of a pack's crosswalk files: crosswalk/ beside its pack.yaml. */
export function crosswalkDirOf(packDir: string, cwd: string): string {
  return join(resolve(cwd, packDir), "crosswalk");
}

/** The framework ids a pack directory has crosswalk files for, sorted. */
export function frameworkIds(packDir: string, cwd: string): string[] {
  const dir = crosswalkDirOf(packDir, cwd);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -".yaml".length)).sort();
}

/** Checks what the schema cannot: the id matches the file, items and groups are consistent, every question is a current one. */
function mappingDiagnostics(src: YamlSource, d: CrosswalkData, expectedId: string, pack: Pack): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: (string | number)[]) => ({ file: src.file, ...pathPosition(src, path) });
  if (d.framework.id !== expectedId) out.push({ ...at(["framework", "id"]), message: `framework id '${d.framework.id}' does not match the file name '${expectedId}.yaml'`, hint: `set id: ${expectedId}, or rename the file` });
  const questions = pack.principles.flatMap((p) => p.questions.map((q) => `${p.id}/${q.id}`));
  const retired = new Map(pack.retired.map((r) => [r.id, r]));
  const groups = (d.groups ?? []).map((g) => g.id);
  const seen = new Set<string>();
  d.items.forEach((item, i) => {
    if (seen.has(item.id)) out.push({ ...at(["items", i, "id"]), message: `item '${item.id}' is listed twice`, hint: "list each item of the framework once" });
    seen.add(item.id);
    if (item.group !== undefined && groups.length && !groups.includes(item.group)) out.push({ ...at(["items", i, "group"]), message: `item '${item.id}' names the group '${item.group}', which groups: does not list`, hint: didYouMean(item.group, groups, "group") });
    const mapped = item.questions !== undefined;
    if (mapped === (item["not-covered"] !== undefined)) {
      out.push({ ...at(["items", i]), message: `item '${item.id}' needs either questions: or not-covered:, ${mapped ? "not both" : "and has neither"}`, hint: "map the questions that evidence it, or say why none does" });
    }
    if (mapped && item["not-covered"] === undefined && item.coverage === undefined) out.push({ ...at(["items", i]), message: `item '${item.id}' maps questions but does not say how far they cover it`, hint: "add coverage: full when yes to all of them would evidence the whole item, else coverage: partial with uncovered: saying what they do not ask" });
    if (item.coverage === "partial" && item.uncovered === undefined) out.push({ ...at(["items", i, "coverage"]), message: `item '${item.id}' is covered only in part but does not say what is not asked`, hint: "add uncovered: with what of the item the questions do not ask" });
    if (item.uncovered !== undefined && item.coverage !== "partial") out.push({ ...at(["items", i, "uncovered"]), message: `item '${item.id}' says what is uncovered, but its coverage is ${item.coverage ?? "not given"}`, hint: "set coverage: partial, or remove uncovered:" });
    if (!mapped && item.coverage !== undefined) out.push({ ...at(["items", i, "coverage"]), message: `item '${item.id}' is not covered, so it has no coverage`, hint: "remove coverage:, or map the questions that evidence it" });
    const inItem = new Set<string>();
    (item.questions ?? []).forEach((q, j) => {
      const where = at(["items", i, "questions", j, "id"]);
      if (inItem.has(q.id)) out.push({ ...where, message: `question '${q.id}' is mapped twice to item '${item.id}'`, hint: "map each question once per item" });
      inItem.add(q.id);
      const old = retired.get(q.id);
      if (old) out.push({ ...where, message: `question '${q.id}' is retired in ${pack.id} ${pack.version}`, hint: old.replacedBy.length ? `map ${old.replacedBy.join(", ")} instead` : "no question replaces it; remove the mapping" });
      else if (!questions.includes(q.id)) out.push({ ...where, message: `'${q.id}' is not a question of the pack '${pack.id}'`, hint: didYouMean(q.id, questions, "question") });
    });
  });
  return out;
}

function toCrosswalk(d: CrosswalkData, file: string): Crosswalk {
  const items = d.items.map((item): FrameworkItem => ({
    id: item.id, title: item.title.trim(), group: item.group ?? "", article: item.article ?? null, paragraph: item.paragraph ?? null,
    questions: (item.questions ?? []).map((q) => {
      const [principle, question] = q.id.split("/") as [string, string];
      return { principle, question, rationale: q.rationale.trim() };
    }),
    notCovered: item["not-covered"]?.trim() ?? null,
    coverage: item.coverage ?? null, uncovered: item.uncovered?.trim() ?? null, scope: item.scope ?? null,
  }));
  const f = d.framework;
  return { framework: { id: f.id, title: f.title, version: f.version, source: f.source, reuse: f.reuse.trim(), note: (f.note ?? "").trim() }, groups: d.groups ?? [], items, file, jurisdictions: f.jurisdictions ?? [] };
}

/**
 * Loads one framework's crosswalk file from a pack directory, validated against the schema and the
 * pack (question ids exist and are current). Every problem is collected before failing.
 */
export function loadCrosswalk(packDir: string, id: string, pack: Pack, cwd: string): Crosswalk {
  const known = frameworkIds(packDir, cwd);
  if (!known.includes(id)) {
    throw new UsageError(`the pack '${pack.id}' has no crosswalk for the framework '${id}'`, known.length ? didYouMean(id, known, "framework") : `add ${displayPath(join(crosswalkDirOf(packDir, cwd), `${id}.yaml`), cwd)}`);
  }
  const path = join(crosswalkDirOf(packDir, cwd), `${id}.yaml`);
  const read = readTextFile(path, displayPath(path, cwd));
  if (isDiagnostic(read)) throw new InputError([read]);
  const { source, diagnostics } = parseYaml(read.file, read.text);
  if (!source || diagnostics.length) throw new InputError(diagnostics);
  if (source.doc.contents === null) throw new InputError([{ file: read.file, line: 1, column: 1, message: "the file is empty", hint: "a crosswalk file has framework: and items:" }]);
  const converted = toData(source);
  if ("error" in converted) throw new InputError([converted.error]);
  const problems = schemaDiagnostics(validateCrosswalk, source, converted.data);
  if (problems.length) throw new InputError(listed(problems));
  const data = converted.data as CrosswalkData;
  const more = mappingDiagnostics(source, data, id, pack);
  if (more.length) throw new InputError(listed(more));
  return toCrosswalk(data, read.file);
}

/** The directory a loaded pack came from: the built-in one, or the --pack directory it names. */
export function packDirOf(pack: Pack): string {
  return pack.origin === "built-in" ? (BUILTIN_PACKS[pack.id]?.dir ?? BUILTIN_PACK_DIR) : pack.origin;
}
