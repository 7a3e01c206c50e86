import { isDeepStrictEqual } from "node:util";
import { isMap, isScalar, parseDocument, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { isEmpty } from "../load/answers.js";
import { childIndent, Splicer, scalarText } from "../load/splice.js";
import { insertionIndex, pairOf } from "../load/answer-entry.js";

/** A ticket to record for a question: where it goes in the file, and the order of keys to insert it among. */
export interface TicketLink {
  principle: string;
  question: string;
  ticket: string;
  /** The pack's principle ids and the principle's question ids, in order, for placing a new key. */
  principleOrder: string[];
  questionOrder: string[];
}

/** A scalar that stays one scalar inside a flow mapping too: quoted when it holds `,[]{}`. */
function flowScalar(value: string): string {
  const text = scalarText(value);
  return /[,[\]{}]/.test(text) && !/^["']/.test(text) ? JSON.stringify(value) : text;
}

const ticketPair = (ticket: string) => `ticket: ${flowScalar(ticket)}`;
const actionFlow = (ticket: string) => `{ ${ticketPair(ticket)} }`;

/** Adds `key: value` text to a flow mapping `{ … }` before its closing brace. */
function addToFlow(s: Splicer, map: YAMLMap, text: string): boolean {
  if (!map.range) return false;
  const close = s.valueEnd(map as unknown as Node) - 1;
  if (s.text[close] !== "}") return false;
  if (!map.items.length) {
    s.patch(map.range[0], close + 1, `{ ${text} }`);
    return true;
  }
  const last = map.items[map.items.length - 1] as Pair<Node, Node | null>;
  const end = last.value?.range ? s.valueEnd(last.value) : s.colonAfter(last.key);
  if (end === undefined || end > close) return false;
  // A trailing comma before the brace is kept out of the way: `{ a: 1, }` becomes `{ a: 1, ticket: x }`.
  const between = s.text.slice(end, close);
  if (!/^[\s,]*$/.test(between)) return false;
  s.patch(end, end, `, ${text}`);
  return true;
}

/** Sets `ticket` in an existing `action:` value, keeping its other fields; false when it cannot splice. */
function setInAction(s: Splicer, action: Pair<Node, Node | null>, ticket: string): boolean {
  const value = action.value;
  if (isEmpty(value)) return s.inline(action, actionFlow(ticket));
  if (!isMap(value)) return false;
  const existing = pairOf(value, "ticket");
  if (existing) {
    if (existing.value?.range && !isEmpty(existing.value)) {
      s.patch(existing.value.range[0], s.valueEnd(existing.value), flowScalar(ticket));
      return true;
    }
    return s.inline(existing, flowScalar(ticket));
  }
  if (value.flow) return addToFlow(s, value, ticketPair(ticket));
  const indent = childIndent(s, value, action.key);
  return indent !== undefined && s.insert(value, value.items.length, [`${" ".repeat(indent)}${ticketPair(ticket)}`]);
}

/** Records one ticket by splicing text; false when the file's shape needs the Document API. */
function spliceLink(s: Splicer, root: YAMLMap, link: TicketLink): boolean {
  const answers = pairOf(root, "answers");
  if (!answers || !isMap(answers.value) || answers.value.flow) return false;
  const principle = pairOf(answers.value, link.principle);
  const entryText = `${link.question}: { action: ${actionFlow(link.ticket)} }`;
  if (!principle) {
    const indent = childIndent(s, answers.value, answers.key);
    if (indent === undefined) return false;
    const lines = [`${" ".repeat(indent)}${link.principle}:`, `${" ".repeat(indent + 2)}${entryText}`];
    return s.insert(answers.value, insertionIndex(answers.value, link.principle, link.principleOrder), lines);
  }
  if (!isMap(principle.value)) {
    const indent = childIndent(s, answers.value, answers.key);
    return isEmpty(principle.value) && indent !== undefined && s.block(principle, [`${" ".repeat(indent + 2)}${entryText}`]);
  }
  const questions = principle.value;
  const question = pairOf(questions, link.question);
  if (!question) {
    if (questions.flow) return addToFlow(s, questions, entryText);
    const indent = childIndent(s, questions, principle.key);
    if (indent === undefined) return false;
    return s.insert(questions, insertionIndex(questions, link.question, link.questionOrder), [`${" ".repeat(indent)}${entryText}`]);
  }
  const entry = question.value;
  if (isMap(entry)) {
    const action = pairOf(entry, "action");
    if (action) return setInAction(s, action, link.ticket);
    if (entry.flow) return addToFlow(s, entry, `action: ${actionFlow(link.ticket)}`);
    const indent = childIndent(s, entry, question.key);
    return indent !== undefined && s.insert(entry, entry.items.length, [`${" ".repeat(indent)}action: ${actionFlow(link.ticket)}`]);
  }
  if (entry !== null && !isScalar(entry)) return false;
  // The shorthand `question: no` becomes `{ answer: no, action: { ticket: … } }` on its line.
  const answer = isEmpty(entry) ? "" : `answer: ${flowScalar(String((entry as { value: unknown }).value))}, `;
  return s.inline(question, `{ ${answer}action: ${actionFlow(link.ticket)} }`);
}

/** The same ticket set through the Document API, for checking the splice and as its fallback. */
function setInDocument(doc: Document, link: TicketLink): void {
  const path = ["answers", link.principle, link.question];
  for (const at of [path.slice(0, 1), path.slice(0, 2)]) if (!isMap(doc.getIn(at, true))) doc.setIn(at, doc.createNode({}));
  const entry = doc.getIn(path, true) as Node | null | undefined;
  if (entry !== undefined && entry !== null && !isMap(entry)) {
    const answer = isEmpty(entry) ? undefined : (entry as { value: unknown }).value;
    doc.setIn(path, doc.createNode(answer === undefined ? {} : { answer }));
  } else if (entry === undefined || entry === null) {
    doc.setIn(path, doc.createNode({}));
  }
  const action = doc.getIn([...path, "action"], true);
  if (!isMap(action)) doc.setIn([...path, "action"], doc.createNode({}));
  doc.setIn([...path, "action", "ticket"], link.ticket);
}

/**
 * Records tickets in an answers file's text as each question's `action: { ticket: … }` (kept
 * beside an action's owner and due date), splicing only the lines that change so comments and
 * every other byte stay as written. Should the file's shape defeat splicing, the Document API
 * rewrites it (still keeping comments). Returns the new text and how many tickets changed.
 */
export function linkTickets(text: string, links: TicketLink[]): { text: string; changed: number } {
  let current = text;
  let changed = 0;
  for (const link of links) {
    const doc = parseDocument(current);
    if (doc.errors.length || !isMap(doc.contents)) return { text: current, changed };
    if (doc.getIn(["answers", link.principle, link.question, "action", "ticket"]) === link.ticket) continue;
    setInDocument(doc, link);
    const expected = doc.toJS();
    const s = new Splicer(current);
    const fresh = parseDocument(current).contents;
    let next: string | undefined;
    if (isMap(fresh) && !fresh.flow && spliceLink(s, fresh, link)) {
      const result = s.result();
      const check = parseDocument(result);
      if (!check.errors.length && isDeepStrictEqual(check.toJS(), expected)) next = result;
    }
    current = next ?? doc.toString({ nullStr: "" });
    changed++;
  }
  return { text: current, changed };
}
