import { Document, isMap, isScalar, isSeq, Scalar, YAMLMap, type Node, type Pair } from "yaml";
import { insertionIndex, pairOf, planEntry, type AnswerEdit, type EntryPlan, type Target } from "../load/answer-entry.js";

/*
 * One answer set through the `yaml` Document API: the reference edit, always right about the data.
 * Printing the whole document afterwards keeps comments and order but may re-wrap long text,
 * which is why save.ts prefers the text splice when it gives the same data.
 */

function evidenceNode(doc: Document, evidence: string[]): Node {
  const node = doc.createNode(evidence) as Node;
  if (!evidence.length && isSeq(node)) node.flow = true;
  return node;
}

function entryNode(doc: Document, plan: EntryPlan, comment: string | undefined): Node {
  if (plan.shorthand) {
    const scalar = new Scalar(plan.set.answer);
    if (comment) scalar.comment = comment;
    return scalar;
  }
  const map = new YAMLMap();
  const answer = new Scalar(plan.set.answer);
  if (comment) answer.comment = comment;
  map.items.push(doc.createPair("answer", answer));
  if (plan.set.notes) map.items.push(doc.createPair("notes", plan.set.notes));
  if (plan.set.evidence?.length) map.items.push(doc.createPair("evidence", evidenceNode(doc, plan.set.evidence)));
  return map;
}

function setField(doc: Document, map: YAMLMap, key: "answer" | "notes" | "evidence", value: string | null | string[]): void {
  const pair = pairOf(map, key);
  if (Array.isArray(value)) {
    if (pair) pair.value = evidenceNode(doc, value);
    else if (value.length) map.items.push(doc.createPair(key, evidenceNode(doc, value)));
    return;
  }
  if (pair && isScalar(pair.value)) {
    pair.value.value = value;
    if (value !== null && pair.value.type !== "PLAIN" && pair.value.type !== "QUOTE_DOUBLE" && pair.value.type !== "QUOTE_SINGLE") pair.value.type = undefined;
  } else if (pair) {
    pair.value = new Scalar(value);
  } else if (value !== null) {
    const fresh = doc.createPair(key, new Scalar(value));
    if (key === "answer") map.items.unshift(fresh);
    else map.items.push(fresh);
  }
}

/** Sets one answer through the Document API, creating the principle and question entries as needed. */
export function editDocument(doc: Document, target: Target, edit: AnswerEdit): void {
  const root = doc.contents;
  if (!isMap(root)) throw new Error("the answers file is not a mapping");
  let answers = pairOf(root, "answers");
  if (!answers) {
    answers = doc.createPair("answers", new YAMLMap()) as Pair<Node, Node | null>;
    root.items.push(answers);
  }
  if (!isMap(answers.value)) answers.value = new YAMLMap();
  const answersMap = answers.value as YAMLMap;
  let principle = pairOf(answersMap, target.principle);
  if (!principle) {
    principle = doc.createPair(target.principle, new YAMLMap()) as Pair<Node, Node | null>;
    answersMap.items.splice(insertionIndex(answersMap, target.principle, target.principleOrder), 0, principle);
  }
  if (!isMap(principle.value)) principle.value = new YAMLMap();
  const principleMap = principle.value as YAMLMap;
  const question = pairOf(principleMap, target.question);
  const plan = planEntry(question?.value, Boolean(question), edit);
  if (question && isMap(question.value)) {
    const map = question.value;
    if (plan.set.answer !== undefined) setField(doc, map, "answer", plan.set.answer);
    if (plan.set.notes !== undefined) setField(doc, map, "notes", plan.set.notes);
    if (plan.set.evidence !== undefined) setField(doc, map, "evidence", plan.set.evidence);
    return;
  }
  if (question && plan.shorthand && isScalar(question.value)) {
    question.value.value = plan.set.answer;
    return;
  }
  const comment = isScalar(question?.value) ? question.value.comment ?? undefined : undefined;
  const node = entryNode(doc, plan, comment);
  if (question) question.value = node;
  else principleMap.items.splice(insertionIndex(principleMap, target.question, target.questionOrder), 0, doc.createPair(target.question, node));
}
