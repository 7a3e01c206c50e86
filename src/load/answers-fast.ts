import { CORE_SCHEMA, load } from "js-yaml";
import type { TextFile } from "../io/read.js";
import type { Action, Answer, Answers, AnswerValue, Assessor, EvidenceEntry, Pack, Position, SignOff } from "../core/types.js";
import { validate as validateAnswers } from "../generated/answers.js";
import { isCalendarDate, MAX_DEPTH, MAX_TOKENS } from "./limits.js";
import { knownTraits, readLevelFields, readProject } from "./project.js";

/**
 * The fast path for valid answers files, used when `check` reads many of them. js-yaml parses
 * several times faster than the `yaml` package's document model; its parse events give each
 * node's offset, enough for the positions findings point at. Anything unusual (a syntax error,
 * a schema or pack problem, a shape the events do not explain) returns null, and the caller falls
 * back to `parseAnswers`, which owns every diagnostic. Tests hold the two paths to the same result.
 */

interface Event {
  start: number;
  kind: string | null;
  result: unknown;
  children: Event[];
}

/** Parses with js-yaml (YAML 1.2 core schema, as `yaml` does), recording the tree of parse events. */
function parseWithEvents(text: string): { data: unknown; root: Event } | null {
  const stack: Event[] = [{ start: 0, kind: null, result: undefined, children: [] }];
  let unusual = false;
  let nodes = 0;
  try {
    const data = load(text, {
      schema: CORE_SCHEMA,
      json: false,
      listener(type, state) {
        // Past the full parser's limits the file is refused there: stop here before building more.
        if (type === "open" && (++nodes > MAX_TOKENS || stack.length > MAX_DEPTH)) throw new RangeError("left to the full parser");
        if (type === "open") stack.push({ start: state.position, kind: null, result: undefined, children: [] });
        else {
          const node = stack.pop()!;
          // Anchors and aliases (no kind, yet a value) are left to the full parser, and so are explicit
          // tags (`!!str yes`), which the full parser places after the tag and js-yaml on it.
          if ((state as { anchor?: string | null }).anchor != null || (state.kind === null && state.result != null)) unusual = true;
          if (text[valueStart(text, node)] === "!") unusual = true;
          node.kind = state.kind;
          node.result = state.result;
          stack[stack.length - 1]!.children.push(node);
        }
      },
    });
    const root = stack[0]!.children[0];
    return root && !unusual ? { data, root } : null;
  } catch {
    return null;
  }
}

/** A mapping's events as key/value pairs; null when they do not alternate as plain pairs do. */
function pairs(node: Event | undefined): Map<string, { key: Event; value: Event }> | null {
  if (!node || node.kind !== "mapping" || node.children.length % 2) return null;
  const out = new Map<string, { key: Event; value: Event }>();
  for (let i = 0; i < node.children.length; i += 2) {
    const key = node.children[i]!;
    if (key.kind !== "scalar") return null;
    out.set(String(key.result), { key, value: node.children[i + 1]! });
  }
  return out.size === Object.keys(node.result as object).length ? out : null;
}

const isEmptyValue = (v: unknown) => v === null || v === undefined || v === "";

/** Offsets to 1-based lines and columns, as the `yaml` package's LineCounter counts them. */
function positions(text: string) {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset: number): Position => {
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid]! <= offset) low = mid + 1;
      else high = mid;
    }
    return { line: low, column: offset - starts[low - 1]! + 1 };
  };
}

/** Where a value starts: parse events open before the separating blanks, which are skipped here. */
function valueStart(text: string, event: Event): number {
  let i = event.start;
  while (text[i] === " " || text[i] === "\t") i++;
  return i;
}

const textOf = (v: unknown) => (isEmptyValue(v) ? "" : String(v));

/** Evidence entries with their pins and positions; null for a shape the events do not explain. */
function evidenceEntries(text: string, at: (offset: number) => Position, node: Event | undefined): EvidenceEntry[] | null {
  if (!node || isEmptyValue(node.result)) return [];
  const items = node.kind === "sequence" ? node.children : [node];
  const out: EvidenceEntry[] = [];
  for (const wrapped of items) {
    // js-yaml opens each sequence item twice: the item, then the node itself as its only child.
    const item = wrapped.children.length === 1 && wrapped.children[0]!.kind === wrapped.kind ? wrapped.children[0]! : wrapped;
    let ref: Event | undefined = item;
    let sha256: string | null = null;
    if (item.kind === "mapping") {
      const fields = pairs(item);
      if (!fields) return null;
      ref = fields.get("path")?.value;
      sha256 = textOf(fields.get("sha256")?.value.result) || null;
    } else if (item.kind !== "scalar") return null;
    const written = textOf(ref?.result).trim();
    if (ref && written) out.push({ ref: written, sha256, position: at(valueStart(text, ref)) });
  }
  return out;
}

/** An answer's action, located at its due date (else its key); undefined for an odd shape. */
function actionOf(text: string, at: (offset: number) => Position, pair: { key: Event; value: Event } | undefined): Action | null | undefined {
  if (!pair || pair.value.kind !== "mapping") return null;
  const fields = pairs(pair.value);
  if (!fields) return undefined;
  const due = fields.get("due");
  const dueText = textOf(due?.value.result);
  if (dueText && !isCalendarDate(dueText)) return undefined;
  return {
    owner: textOf(fields.get("owner")?.value.result).trim(),
    due: dueText || null,
    ticket: textOf(fields.get("ticket")?.value.result).trim(),
    position: due && dueText ? at(valueStart(text, due.value)) : at(pair.key.start),
  };
}

/** The sign-off entries, each at its date; null when the events do not explain them. */
function signOffOf(text: string, at: (offset: number) => Position, node: Event | undefined): SignOff[] | null {
  if (!node || node.kind !== "sequence") return [];
  const out: SignOff[] = [];
  for (const wrapped of node.children) {
    const item = wrapped.children.length === 1 && wrapped.children[0]!.kind === wrapped.kind ? wrapped.children[0]! : wrapped;
    const fields = pairs(item);
    const date = fields?.get("date");
    if (!fields || !date || !isCalendarDate(textOf(date.value.result))) return null;
    out.push({ name: textOf(fields.get("name")?.value.result).trim(), role: textOf(fields.get("role")?.value.result).trim(), date: textOf(date.value.result), position: at(valueStart(text, date.value)) });
  }
  return out;
}

function readAnswer(text: string, at: (offset: number) => Position, key: Event, value: Event): Answer | null {
  const keyAt = at(key.start);
  if (value.kind !== "mapping") {
    const given = value.result;
    if (isEmptyValue(given)) return { answer: null, notes: "", evidence: [], evidenceEntries: [], action: null, position: keyAt };
    return { answer: String(given) as AnswerValue, notes: "", evidence: [], evidenceEntries: [], action: null, position: at(valueStart(text, value)) };
  }
  const fields = pairs(value);
  if (!fields) return null;
  const entries = evidenceEntries(text, at, fields.get("evidence")?.value);
  const action = actionOf(text, at, fields.get("action"));
  if (!entries || action === undefined) return null;
  const answer = fields.get("answer");
  const notes = fields.get("notes")?.value.result;
  const evidence = fields.get("evidence")?.value.result;
  const list = Array.isArray(evidence) ? evidence.map((e) => String((e !== null && typeof e === "object" ? (e as { path?: unknown }).path : e) ?? "").trim()).filter(Boolean) : isEmptyValue(evidence) ? [] : [String(evidence).trim()].filter(Boolean);
  const empty = !answer || isEmptyValue(answer.value.result);
  return {
    answer: empty ? null : (String(answer!.value.result) as AnswerValue),
    notes: isEmptyValue(notes) ? "" : String(notes).trim(),
    evidence: list,
    evidenceEntries: entries,
    action,
    position: !answer ? keyAt : empty ? at(answer.key.start) : at(valueStart(text, answer.value)),
  };
}

/** Whether a line starts with `%` (as /^%/m finds, after any of JavaScript's line breaks), without a regular expression's scan of the whole file. */
const directive = (text: string) => text.startsWith("%") || ["\n%", "\r%", "\u2028%", "\u2029%"].some((b) => text.includes(b));

/** Parses a valid answers file quickly, or returns null when `parseAnswers` must look at it. */
export function parseAnswersFast(file: TextFile, pack: Pack): Answers | null {
  // js-yaml drops a byte-order mark and counts offsets without it; the full parser counts it. It also
  // ignores a `%YAML 1.1` directive, under which the full parser reads `yes` as true: both go to it.
  if (file.text.startsWith("\uFEFF") || directive(file.text)) return null;
  const parsed = parseWithEvents(file.text);
  if (!parsed || !validateAnswers(parsed.data)) return null;
  const data = parsed.data as Record<string, unknown>;
  if (typeof data.pack === "string" && data.pack !== pack.id) return null;
  if (typeof data.date === "string" && !isCalendarDate(data.date)) return null;
  const project = readProject(data);
  if (!knownTraits(project, pack)) return null;
  const top = pairs(parsed.root);
  if (!top) return null;
  const at = positions(file.text);
  const answers = new Map<string, Map<string, Answer>>();
  const principlePositions = new Map<string, Position>();
  const section = top.get("answers");
  const principles = section && section.value.kind === "mapping" ? pairs(section.value) : new Map();
  if (!principles) return null;
  for (const [id, p] of principles) {
    const principle = pack.principles.find((x) => x.id === id);
    if (!principle) return null;
    principlePositions.set(id, at(p.key.start));
    const questions = p.value.kind === "mapping" ? pairs(p.value) : new Map();
    if (!questions) return null;
    const given = new Map<string, Answer>();
    for (const [qid, q] of questions) {
      if (!principle.questions.some((x) => x.id === qid)) return null;
      const answer = readAnswer(file.text, at, q.key, q.value);
      if (!answer) return null;
      given.set(qid, answer);
    }
    answers.set(id, given);
  }
  const date = top.get("date");
  const status = top.get("status");
  const signOff = signOffOf(file.text, at, top.get("sign-off")?.value);
  if (!signOff) return null;
  const rootStart = at(parsed.root.children[0]?.start ?? 0);
  return {
    file: file.file,
    version: 1,
    project,
    assessors: ((data.assessors ?? []) as Assessor[]).map((a) => ({ name: a.name, role: a.role ?? "" })),
    date: typeof data.date === "string" ? data.date : null,
    pack: typeof data.pack === "string" ? data.pack : null,
    answers,
    status: data.status === "final" ? "final" : "draft",
    signOff,
    retired: [],
    ...readLevelFields(data),
    positions: {
      answers: section ? at(section.key.start) : { line: 1, column: 1 },
      principles: principlePositions,
      date: date ? (isEmptyValue(date.value.result) ? at(date.key.start) : at(valueStart(file.text, date.value))) : rootStart,
      status: status ? (isEmptyValue(status.value.result) ? at(status.key.start) : at(valueStart(file.text, status.value))) : rootStart,
      project: top.get("project") ? at(top.get("project")!.key.start) : rootStart,
      pack: top.get("pack") ? at(valueStart(file.text, top.get("pack")!.value)) : rootStart,
    },
  };
}
