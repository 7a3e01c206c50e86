import type { Pack, Principle, Question, RetiredQuestion } from "./types.js";

/*
 * The answers schema of one pack, for editors: the document shape of the generic answers schema
 * (schema/answers.schema.json) with the pack's ids filled in, so an editor that reads the
 * `yaml-language-server` header completes principle and question ids, shows a question's text on
 * hover and marks an unknown or retired id. Draft-07, which yaml-language-server reads.
 *
 * Beside the standard keywords it writes the annotations editors read: `markdownDescription`,
 * `enumDescriptions`, and `deprecationMessage` beside the standard `deprecated` (yaml-language-server,
 * the server of VS Code's YAML extension, reports the message at the key; editors that follow
 * draft 2019-09 read `deprecated`).
 */

/** A JSON Schema as plain data. */
export type JsonSchema = { [key: string]: unknown };

/** How pack text is made safe: `plain` for descriptions, `markdown` for markdownDescription (inline). */
export interface SchemaText {
  plain: (text: string) => string;
  markdown: (text: string) => string;
}

/** The annotation keywords beyond draft-07 that the generated schemas use (validators must know them). */
export const EDITOR_KEYWORDS = ["markdownDescription", "enumDescriptions", "deprecationMessage"] as const;

/**
 * The generic schema's `entry` (an answer alone, or a mapping) as keywords to put beside a
 * question's annotations: its `if`, its `then` moved to definitions/entry-mapping, its `else`. Not
 * a `$ref` beside them, which draft-07 says to ignore the siblings of; and no description of its
 * own, so an editor's hover shows the question's.
 */
type EntryKeywords = { if: unknown; then: unknown; else: unknown };

/** A question's entry: its text, its guidance, the traits it applies to, and the entry's shape. */
function questionSchema(id: string, q: Question, entry: EntryKeywords, t: SchemaText): JsonSchema {
  const applies = q.appliesTo.length ? `Applies only to systems whose project.traits lists ${q.appliesTo.join(" or ")}; otherwise leave it empty.` : "";
  const weight = q.weight !== 1 ? `Weight ${q.weight}.` : "";
  const extra = [applies, weight].filter(Boolean).join(" ");
  return {
    title: id,
    description: t.plain(extra ? `${q.text} (${extra})` : q.text),
    markdownDescription: [`**${t.markdown(q.text)}**`, t.markdown(q.guidance), extra ? `_${t.markdown(extra)}_` : ""].filter(Boolean).join("\n\n"),
    ...entry,
  };
}

/** A retired question's entry: still accepted, marked deprecated, naming where it went. */
function retiredSchema(pack: Pack, r: RetiredQuestion, entry: EntryKeywords, t: SchemaText): JsonSchema {
  const to = r.replacedBy;
  const where = to.length ? ` It is asked now as ${to.join(" and ")}.` : " No question replaces it.";
  const todo = to.length === 1 ? "Run 'rml-assess init --upgrade FILE' to move its answer there." : to.length ? "Answer each of them, then remove this entry." : "Remove this entry.";
  const message = t.plain(`Retired in ${pack.id} ${pack.version}.${where}${r.note ? ` ${r.note}` : ""} ${todo}`);
  return { title: t.plain(`${r.id} (retired)`), description: message, deprecated: true, deprecationMessage: message, ...entry };
}

/** One principle or level: its question ids as the only keys, each retired id beside them. */
function principleSchema(pack: Pack, p: Principle | undefined, id: string, entry: EntryKeywords, t: SchemaText): JsonSchema {
  const properties: JsonSchema = {};
  for (const q of p?.questions ?? []) properties[q.id] = questionSchema(`${id}/${q.id}`, q, entry, t);
  for (const r of pack.retired.filter((x) => x.id.startsWith(`${id}/`))) properties[r.id.slice(id.length + 1)] = retiredSchema(pack, r, entry, t);
  const head = p ? `${p.number}. ${p.title}` : id;
  const about = p ? (p.commitment?.text ?? p.summary) : `Not a ${pack.scoring === "levels" ? "level" : "principle"} of ${pack.id} ${pack.version} any more; it holds only retired questions.`;
  return {
    title: t.plain(head),
    description: t.plain(about),
    markdownDescription: t.markdown(about),
    ...(p ? {} : { deprecated: true, deprecationMessage: t.plain(about) }),
    type: ["object", "null"],
    additionalProperties: false,
    properties,
  };
}

/** An enum with the meaning of each value, for completion and hover. */
function described(values: { id: unknown; meaning: string }[], t: SchemaText, rest: JsonSchema = {}): JsonSchema {
  return { ...rest, enum: values.map((v) => v.id), enumDescriptions: values.map((v) => t.plain(v.meaning)) };
}

/** Reaches a nested schema object of the (copied) generic schema. */
function at(schema: JsonSchema, ...path: string[]): JsonSchema {
  let node: JsonSchema = schema;
  for (const key of path) node = node[key] as JsonSchema;
  return node;
}

/**
 * The answers schema of `pack`, built from `generic` (the parsed schema/answers.schema.json, which
 * is not changed): principles or levels and their question ids as properties
 * (`additionalProperties: false`), answer values, traits, risk, status and level fields as enums
 * with their meanings, retired ids accepted but deprecated.
 */
export function answersSchema(pack: Pack, generic: JsonSchema, t: SchemaText): JsonSchema {
  const schema = structuredClone(generic);
  delete schema.$id;
  const noun = pack.scoring === "levels" ? "level" : "principle";
  schema.title = t.plain(`rml-assess answers file for ${pack.title} (${pack.id} ${pack.version})`);
  schema.description = t.plain(`A team's answers to the questions of the pack ${pack.id} ${pack.version}, kept in its repository. Generated by 'rml-assess schema'; ${noun} and question ids are those of this pack version.`);
  const props = at(schema, "properties");
  const project = at(props, "project", "properties");

  const traits = at(project, "traits");
  if (pack.traits.length) traits.items = described(pack.traits.map((x) => ({ id: x.id, meaning: x.description })), t, { type: "string" });
  else {
    traits.maxItems = 0;
    traits.description = t.plain(`Pack ${pack.id} declares no traits: leave this out, or empty.`);
  }
  const risk = at(project, "risk");
  Object.assign(risk, described([
    { id: "minimal", meaning: "Most systems, e.g. spam filters: no specific duties." },
    { id: "limited", meaning: "Transparency duties, e.g. chatbots and generated content." },
    { id: "high", meaning: "E.g. credit scoring, hiring, medical devices and the Act's other Annex III uses." },
  ], t));
  Object.assign(at(props, "status"), described([
    { id: "draft", meaning: "Being filled in (the default)." },
    { id: "final", meaning: "Declared done by the team; a sign-off is expected." },
  ], t));
  props.pack = { const: pack.id, description: t.plain(`The pack answered: ${pack.id} (this schema's pack). Must match the pack check loads.`) };

  if (pack.scoring === "levels") {
    const levels = pack.principles.map((p) => ({ id: p.number, meaning: `Level ${p.number}: ${p.title}${p.phase ? ` (${p.phase})` : ""}.` }));
    const claimed = at(props, "claimed-level");
    delete claimed.minimum;
    delete claimed.maximum;
    Object.assign(claimed, described(levels, t));
    const level = at(props, "history", "items", "properties", "level");
    delete level.minimum;
    delete level.maximum;
    Object.assign(level, described(levels, t));
  }

  // The answer values with this pack's meanings; no description of their own, which an editor
  // would show on hover in place of the question's.
  const definitions = at(schema, "definitions");
  const answerMeanings = pack.answerOptions.map((o) => ({ id: o.id, meaning: `${o.label}: ${o.description}${o.value === null ? "" : ` (${o.value} point${o.value === 1 ? "" : "s"})`}` }));
  definitions.value = described([...answerMeanings, { id: "", meaning: "Unanswered." }, { id: null, meaning: "Unanswered." }], t);
  const genericEntry = at(definitions, "entry");
  definitions["entry-mapping"] = genericEntry.then;
  delete definitions.entry;
  const entry: EntryKeywords = { if: genericEntry.if, then: { $ref: "#/definitions/entry-mapping" }, else: genericEntry.else };

  const answers = at(props, "answers");
  const properties: JsonSchema = {};
  for (const p of pack.principles) properties[p.id] = principleSchema(pack, p, p.id, entry, t);
  // A principle no longer in the pack may still hold answers to its retired questions.
  for (const r of pack.retired) {
    const id = r.id.slice(0, r.id.indexOf("/"));
    if (!(id in properties)) properties[id] = principleSchema(pack, undefined, id, entry, t);
  }
  answers.description = t.plain(`${noun === "level" ? "Level" : "Principle"} id → question id → answer, for the ${noun}s of ${pack.id}.`);
  answers.additionalProperties = false;
  answers.properties = properties;
  return schema;
}
