import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from "yaml";
import { InputError, listed, type Diagnostic } from "../errors.js";
import type { TextFile } from "../io/read.js";
import { visible } from "../io/terminal.js";
import type { Action, Answer, Answers, AnswerValue, Assessor, EvidenceEntry, Pack, Position, RetiredAnswer, RetiredQuestion, SignOff } from "../core/types.js";
import { validate as validateAnswers } from "../generated/answers.js";
import { BUILTIN_PACKS } from "../paths.js";
import { isCalendarDate } from "./limits.js";
import { readLevelFields, readProject } from "./project.js";
import { schemaDiagnostics } from "./schema.js";
import { didYouMean } from "./suggest.js";
import { nodePosition, nodesAt, parseYaml, pathPosition, toData, valueAt, type YamlSource } from "./yaml.js";

/** A value with an alias (`*name`) replaced by the node it refers to, as the data reads it. */
function resolved(node: unknown, doc?: Document): Node | null {
  if (doc && isAlias(node)) return (node.resolve(doc) ?? null) as Node | null;
  return (node ?? null) as Node | null;
}

/** The key/value pairs of a YAML mapping node, with keys as strings and aliased values resolved. */
function pairsOf(node: unknown, doc?: Document): { key: string; keyNode: Node; value: Node | null; written: Node | null }[] {
  const map = resolved(node, doc);
  if (!isMap(map)) return [];
  return map.items.map((p) => ({ key: String(isScalar(p.key) ? p.key.value : p.key), keyNode: p.key as Node, value: resolved(p.value, doc), written: (p.value ?? null) as Node | null }));
}

/** A scalar node's value as text; "" for anything else or an empty value. */
export function scalarText(node: Node | null | undefined): string {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : "";
}

/** True when a value is absent or an empty scalar: what the answers file reads as "not given". */
export function isEmpty(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === ""));
}

/** The path or URL of one evidence item: a string, or the `path` of a pinned `{ path, sha256 }`. */
function evidenceItemNode(item: Node | null, doc?: Document): { ref: Node | null; sha256: string | null } {
  if (!isMap(item)) return { ref: item, sha256: null };
  const fields = new Map(pairsOf(item, doc).map((p) => [p.key, p]));
  return { ref: fields.get("path")?.value ?? null, sha256: scalarText(fields.get("sha256")?.value) || null };
}

/** The evidence a node lists: a sequence of paths or URLs (pinned or not), or one as a string. */
export function evidenceOf(node: Node | null | undefined, doc?: Document): string[] {
  if (isSeq(node)) return node.items.map((i) => scalarText(evidenceItemNode(resolved(i, doc), doc).ref).trim()).filter(Boolean);
  const one = scalarText(node).trim();
  return one ? [one] : [];
}

/** Each evidence entry with its pin and the position of its path or URL. */
function evidenceEntriesOf(src: YamlSource, node: Node | null | undefined): EvidenceEntry[] {
  const items = isSeq(node) ? node.items.map((i) => resolved(i, src.doc)) : [node ?? null];
  const out: EvidenceEntry[] = [];
  for (const item of items) {
    const { ref, sha256 } = evidenceItemNode(item, src.doc);
    const text = scalarText(ref).trim();
    if (text) out.push({ ref: text, sha256, position: nodePosition(src, ref) });
  }
  return out;
}

/** An answer's `action:` mapping, located at its due date (else its key). */
function actionOf(src: YamlSource, pair: { keyNode: Node; value: Node | null } | undefined): Action | null {
  if (!pair || !isMap(pair.value)) return null;
  const fields = new Map(pairsOf(pair.value, src.doc).map((p) => [p.key, p]));
  const due = fields.get("due");
  return {
    owner: scalarText(fields.get("owner")?.value).trim(),
    due: scalarText(due?.value) || null,
    ticket: scalarText(fields.get("ticket")?.value).trim(),
    position: nodePosition(src, due && !isEmpty(due.value) ? due.value : pair.keyNode),
  };
}

/**
 * One question's entry: the shorthand answer alone, or a mapping with answer, notes and evidence.
 * `value` is what the data holds (aliases resolved); `written` is the node in place, for positions.
 */
function readAnswer(src: YamlSource, keyNode: Node, value: Node | null, written: Node | null): Answer {
  if (!isMap(value)) {
    const position = nodePosition(src, isEmpty(value) ? keyNode : written);
    return { answer: (isEmpty(value) ? null : scalarText(value)) as AnswerValue | null, notes: "", evidence: [], evidenceEntries: [], action: null, position };
  }
  const fields = new Map(pairsOf(value, src.doc).map((p) => [p.key, p]));
  const answerPair = fields.get("answer");
  return {
    answer: (isEmpty(answerPair?.value) ? null : scalarText(answerPair!.value)) as AnswerValue | null,
    notes: scalarText(fields.get("notes")?.value).trim(),
    evidence: evidenceOf(fields.get("evidence")?.value, src.doc),
    evidenceEntries: evidenceEntriesOf(src, fields.get("evidence")?.value),
    action: actionOf(src, fields.get("action")),
    position: answerPair ? nodePosition(src, isEmpty(answerPair.value) ? answerPair.keyNode : answerPair.written) : nodePosition(src, keyNode),
  };
}


/** Checks that need the pack: principle and question ids, the pack id, and a real calendar date. */
function packDiagnostics(src: YamlSource, pack: Pack): Diagnostic[] {
  const out: Diagnostic[] = [];
  const packNode = valueAt(src, ["pack"]);
  const packId = scalarText(packNode);
  if (packId && packId !== pack.id) {
    out.push({ file: src.file, ...nodePosition(src, packNode), message: `answers are for pack '${visible(packId)}', but the loaded pack is '${pack.id}'`, hint: packId in BUILTIN_PACKS ? `run with --pack ${packId} (a built-in pack), or set pack: ${pack.id}` : `run with --pack DIR pointing at the '${visible(packId)}' pack, or set pack: ${pack.id}` });
  }
  const date = scalarText(valueAt(src, ["date"]));
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && !isCalendarDate(date)) {
    out.push({ file: src.file, ...pathPosition(src, ["date"]), message: `'date' is not a real calendar date (found '${date}')`, hint: "write it as YYYY-MM-DD, e.g. 2026-11-20" });
  }
  out.push(...calendarDiagnostics(src));
  out.push(...traitDiagnostics(src, pack));
  const principleIds = pack.principles.map((p) => p.id);
  for (const p of pairsOf(valueAt(src, ["answers"]), src.doc)) {
    const principle = pack.principles.find((x) => x.id === p.key);
    // A principle no longer in the pack may still hold answers to its retired questions.
    if (!principle && !pack.retired.some((r) => r.id.startsWith(`${p.key}/`))) {
      out.push({ file: src.file, ...nodePosition(src, p.keyNode), message: `unknown principle '${visible(p.key)}' in pack '${pack.id}'`, hint: didYouMean(p.key, principleIds, "principle") });
      continue;
    }
    const questionIds = principle?.questions.map((q) => q.id) ?? [];
    for (const q of pairsOf(p.value, src.doc)) {
      if (!questionIds.includes(q.key) && !retiredFor(pack, p.key, q.key)) {
        out.push({ file: src.file, ...nodePosition(src, q.keyNode), message: `unknown question '${visible(q.key)}' in principle '${p.key}'`, hint: didYouMean(q.key, questionIds, "question") });
      }
    }
  }
  return out;
}

/** The retired question a file's `principle/question` entry answers, if the pack retired it. */
export function retiredFor(pack: Pack, principle: string, question: string): RetiredQuestion | undefined {
  return pack.retired.find((r) => r.id === `${principle}/${question}`);
}

/** Sign-off dates and actions' due dates must be real calendar days, like `date`. */
function calendarDiagnostics(src: YamlSource): Diagnostic[] {
  const dates: Node[] = [];
  const signOff = valueAt(src, ["sign-off"]);
  if (isSeq(signOff)) for (const item of signOff.items) for (const f of pairsOf(resolved(item, src.doc), src.doc)) if (f.key === "date" && f.value) dates.push(f.value);
  for (const p of pairsOf(valueAt(src, ["answers"]), src.doc)) {
    for (const q of pairsOf(p.value, src.doc)) {
      const action = pairsOf(q.value, src.doc).find((f) => f.key === "action");
      const due = pairsOf(action?.value, src.doc).find((f) => f.key === "due");
      if (due?.value) dates.push(due.value);
    }
  }
  return dates
    .filter((node) => /^\d{4}-\d{2}-\d{2}$/.test(scalarText(node)) && !isCalendarDate(scalarText(node)))
    .map((node) => ({ file: src.file, ...nodePosition(src, node), message: `'${scalarText(node)}' is not a real calendar date`, hint: "write it as YYYY-MM-DD, e.g. 2026-11-20" }));
}

/** The `sign-off:` entries, each located at its date. */
function signOffOf(src: YamlSource): SignOff[] {
  const node = valueAt(src, ["sign-off"]);
  if (!isSeq(node)) return [];
  return node.items.map((item) => {
    const fields = new Map(pairsOf(resolved(item, src.doc), src.doc).map((p) => [p.key, p]));
    return {
      name: scalarText(fields.get("name")?.value).trim(),
      role: scalarText(fields.get("role")?.value).trim(),
      date: scalarText(fields.get("date")?.value),
      position: nodePosition(src, fields.get("date")?.value ?? (item as Node)),
    };
  });
}

/** `project.traits` may name only traits the pack declares. */
function traitDiagnostics(src: YamlSource, pack: Pack): Diagnostic[] {
  const node = valueAt(src, ["project", "traits"]);
  if (!isSeq(node)) return [];
  const declared = pack.traits.map((t) => t.id);
  const out: Diagnostic[] = [];
  node.items.forEach((item, i) => {
    const trait = scalarText(resolved(item, src.doc));
    if (!trait || declared.includes(trait)) return;
    out.push({
      file: src.file, ...pathPosition(src, ["project", "traits", i]),
      message: `unknown trait '${visible(trait)}' in project.traits: pack '${pack.id}' does not declare it`,
      hint: declared.length ? didYouMean(trait, declared, "trait") : `pack '${pack.id}' declares no traits; remove project.traits`,
    });
  });
  return out;
}


/**
 * Parses an answers file against a pack. Every problem (YAML syntax, schema, unknown ids, pack
 * mismatch) is collected and thrown together as one InputError, each with its line and column.
 */
export function parseAnswers(file: TextFile, pack: Pack): Answers {
  const { source: src, diagnostics } = parseYaml(file.file, file.text);
  if (!src || diagnostics.length) throw new InputError(diagnostics);
  if (src.doc.contents === null) {
    throw new InputError([{ file: file.file, line: 1, column: 1, message: "the file has no content", hint: "run 'rml-assess init' to write a template to fill in" }]);
  }
  const converted = toData(src);
  if ("error" in converted) throw new InputError([converted.error]);
  const problems = [...schemaDiagnostics(validateAnswers, src, converted.data), ...packDiagnostics(src, pack)];
  if (problems.length) throw new InputError(listed(problems));

  const data = converted.data as Record<string, unknown>;
  const answers = new Map<string, Map<string, Answer>>();
  const retired: RetiredAnswer[] = [];
  const principlePositions = new Map<string, Position>();
  for (const p of pairsOf(valueAt(src, ["answers"]), src.doc)) {
    const given = new Map<string, Answer>();
    for (const q of pairsOf(p.value, src.doc)) {
      const answer = readAnswer(src, q.keyNode, q.value, q.written);
      const gone = pack.principles.some((x) => x.id === p.key && x.questions.some((y) => y.id === q.key)) ? undefined : retiredFor(pack, p.key, q.key);
      if (gone) retired.push({ retired: gone, answer, position: nodePosition(src, q.keyNode) });
      else given.set(q.key, answer);
    }
    if (!pack.principles.some((x) => x.id === p.key)) continue;
    principlePositions.set(p.key, nodePosition(src, p.keyNode));
    answers.set(p.key, given);
  }
  return {
    file: file.file,
    version: 1,
    project: readProject(data),
    assessors: ((data.assessors ?? []) as Assessor[]).map((a) => ({ name: a.name, role: a.role ?? "" })),
    date: typeof data.date === "string" ? data.date : null,
    pack: typeof data.pack === "string" ? data.pack : null,
    answers,
    status: data.status === "final" ? "final" : "draft",
    signOff: signOffOf(src),
    retired,
    ...readLevelFields(data),
    positions: {
      answers: nodePosition(src, nodesAt(src, ["answers"]).key),
      principles: principlePositions,
      date: pathPosition(src, ["date"]),
      status: pathPosition(src, ["status"]),
      project: nodePosition(src, nodesAt(src, ["project"]).key),
      pack: pathPosition(src, ["pack"]),
    },
  };
}
