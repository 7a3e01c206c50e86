import { existsSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { Document, isMap, isPair, isScalar, type Pair, type Scalar, type YAMLMap } from "yaml";
import { EXIT, UsageError } from "../errors.js";
import type { Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { commandName } from "../io/invocation.js";
import { terminalSafe, visible, wrapWords } from "../io/terminal.js";
import { BUILTIN_PACKS, PACKAGE_ROOT, SCHEMA_DIR } from "../paths.js";
import { emit, refuseOverwritingInput } from "./output.js";
import { packFor, packInputs } from "./pack-option.js";

/**
 * Wraps prose into comment lines of at most `width` characters. Pack text is cleaned as for a
 * terminal (escape sequences, control characters and direction overrides dropped): the comments
 * are read in editors and terminals, where they must say what they seem to.
 */
export function wrapComment(text: string, width = 96): string {
  return wrapWords(terminalSafe(text), width).map((l) => ` ${l}`).join("\n");
}

/**
 * Refuses a template that check would refuse to read (a pack so large that its answers file passes
 * the limits on input size or YAML tokens): the limits of what is written and what is read agree.
 */
async function refuseUnreadable(text: string, pack: Pack): Promise<void> {
  const { MAX_INPUT_BYTES } = await import("../io/read.js");
  const { parseYaml, MAX_TOKENS } = await import("../load/yaml.js");
  const questions = pack.principles.reduce((n, p) => n + p.questions.length, 0);
  const over = Buffer.byteLength(text) > MAX_INPUT_BYTES ? "the 5 MB limit for inputs" : parseYaml("template", text).diagnostics.length ? `the ${MAX_TOKENS.toLocaleString("en")} YAML tokens check reads` : null;
  if (over) {
    throw new UsageError(`an answers file for this pack (${questions.toLocaleString("en")} questions) would be over ${over}, so check would refuse it; nothing was written`, "split the pack into smaller packs, each with its own answers file");
  }
}

/** True when `path` is `dir` or inside it. */
function isInside(dir: string, path: string): boolean {
  const r = relative(dir, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
}

/** True for a schema given as a URL (https://…), which the header names as it is. */
const isUrl = (ref: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);

/**
 * Where the answers schema is, as the file's `$schema` line should say it: `override` (--schema: a
 * URL as given, a path relative to the working directory), else the pack's own schema for a
 * built-in pack (schema/answers/<id>.schema.json) and the generic one for any other, relative to
 * the file, and through node_modules when the tool runs from elsewhere (npx or a global install).
 */
export function schemaRef(file: string, cwd: string, pack?: Pack, override?: string): string {
  if (override !== undefined) return isUrl(override) ? override : relative(dirname(file), resolve(cwd, override)).split(sep).join("/");
  const parts = pack?.origin === "built-in" && pack.id in BUILTIN_PACKS ? ["answers", `${pack.id}.schema.json`] : ["answers.schema.json"];
  const installed = join(SCHEMA_DIR, ...parts);
  // Installed in the project (or the project is a clone of rml-assess), or the file is inside the clone.
  const insideProject = isInside(cwd, installed) || isInside(PACKAGE_ROOT, file);
  const target = insideProject ? installed : join(cwd, "node_modules", "rml-assess", "schema", ...parts);
  return relative(dirname(file), target).split(sep).join("/");
}

function pairWithKey(map: unknown, key: string): Pair<Scalar> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair<Scalar> | undefined;
}

/** Refuses a --schema value the header line could not hold: blanks or control characters would end or break it. */
export function checkSchemaOption(schema: string | undefined): void {
  if (schema === undefined) return;
  if (schema === "" || /[\s\u0000-\u001f\u007f]/.test(schema)) {
    throw new UsageError(`--schema '${visible(schema)}' cannot stand in the yaml-language-server header: it is empty or holds blanks or control characters`, "give a path without spaces (relative to the working directory) or a URL, spaces written as %20");
  }
}

/** What a new answers file says about the project and the assessment. */
export interface TemplateMetadata {
  projectName: string;
  date: string;
  schema: string;
  owner?: string;
  description?: string;
  assessors?: { name: string; role?: string }[];
  /** Write each question's guidance as comments under its text (init --guidance). */
  guidance?: boolean;
  intendedUse?: string;
  risk?: string;
  /** The pack's traits the system has, when known (interview asks). */
  traits?: string[];
}

/** The comment above `risk`, or the commented-out key when it is not set: its values and what they mean. */
const RISK_COMMENT = " Risk level in the EU AI Act's vocabulary: minimal (most systems), limited (transparency\n duties, e.g. chatbots, generated content) or high (e.g. credit scoring, hiring, medical devices).";

/** The answers template: every principle and question, each question's text as a comment. */
export function answersTemplate(pack: Pack, opts: TemplateMetadata): string {
  const answers: Record<string, Record<string, object>> = {};
  for (const p of pack.principles) {
    answers[p.id] = Object.fromEntries(p.questions.map((q) => [q.id, { answer: null, notes: null, evidence: [] }]));
  }
  const project: Record<string, unknown> = { name: opts.projectName, owner: opts.owner ?? "", description: opts.description ?? "", "intended-use": opts.intendedUse ?? "" };
  if (opts.risk) project.risk = opts.risk;
  // Traits are written once known (the interview asks); a template lists them in a comment, so the
  // key's absence tells the interview they were never answered.
  if (pack.traits.length && opts.traits) project.traits = opts.traits;
  const doc = new Document({
    version: 1,
    project,
    assessors: (opts.assessors ?? []).map((a) => (a.role ? { name: a.name, role: a.role } : { name: a.name })),
    date: opts.date,
    pack: pack.id,
    answers,
  });
  doc.commentBefore = ` yaml-language-server: $schema=${opts.schema}\n rml-assess answers file. For each question set answer to yes, partial, no or n/a (n/a needs notes\n saying why); evidence lists paths or URLs. Check it with: npx rml-assess check ${"FILE"}`;
  const projectPair = pairWithKey(doc.contents, "project")!;
  projectPair.key.commentBefore = " The ML system being assessed. Only name is required.";
  const projectMap = projectPair.value as unknown as YAMLMap;
  pairWithKey(projectMap, "intended-use")!.key.commentBefore = " What the system is for, and what it must not be used for.";
  const risk = pairWithKey(projectMap, "risk");
  const traits = pairWithKey(projectMap, "traits");
  if (risk) risk.key.commentBefore = RISK_COMMENT;
  const unsetRisk = `${RISK_COMMENT}\n risk: minimal | limited | high`;
  const described = pack.traits.map((t) => wrapComment(`${t.id}: ${t.description}`, 92).replace(/^/gm, "  ")).join("\n");
  const traitsComment = ` What the system is: list each of these traits it has, e.g. traits: [${pack.traits[0]?.id ?? ""}]. A question\n marked "applies only to" is answered only when one of its traits is listed.\n${described}`;
  if (traits) {
    traits.key.commentBefore = `${risk ? "" : `${unsetRisk}\n`}${traitsComment}`;
  } else if (pack.traits.length) {
    projectMap.comment = `${risk ? "" : `${unsetRisk}\n`}${traitsComment}\n traits: [] when none applies; 'rml-assess interview' asks while the key is absent.`;
  } else if (!risk) projectMap.comment = unsetRisk;
  const assessors = pairWithKey(doc.contents, "assessors")!;
  assessors.key.commentBefore = " Who made the assessment, e.g.\n - name: A. Example\n   role: ML engineer";
  pairWithKey(doc.contents, "date")!.key.commentBefore = " When the assessment was made (YYYY-MM-DD).";
  const answersMap = pairWithKey(doc.contents, "answers")!.value as unknown as YAMLMap;
  pack.principles.forEach((p, n) => {
    const principle = pairWithKey(answersMap, p.id)!;
    if (n > 0) principle.key.spaceBefore = true;
    principle.key.commentBefore = wrapComment(`${p.number}. ${p.title}: ${p.commitment?.text ?? p.summary}`);
    p.questions.forEach((q, i) => {
      const question = pairWithKey(principle.value, q.id)!;
      if (i > 0) question.key.spaceBefore = true;
      const text = wrapComment(`${q.text}${q.weight !== 1 ? ` (weight ${q.weight})` : ""}`);
      const applies = q.appliesTo.length ? `\n Applies only to: ${q.appliesTo.join(", ")}. Leave it empty unless project.traits lists one of them.` : "";
      question.key.commentBefore = (opts.guidance ? `${text}\n${wrapComment(`Guidance: ${q.guidance}`)}` : text) + applies;
      const answer = pairWithKey(question.value, "answer")!;
      (answer.value as Scalar).comment = " yes | partial | no | n/a";
    });
  });
  return doc.toString({ nullStr: "", lineWidth: 0 });
}

/** The name a new answers file gives the project unless told otherwise: the working directory's. */
export function defaultProjectName(io: Io): string {
  return basename(io.cwd) || "ML system";
}

/** The text of a new answers file FILE (as the user named it), with the metadata given or defaults. */
export function newAnswersFile(pack: Pack, file: string, io: Io, meta: Partial<TemplateMetadata> = {}): string {
  return answersTemplate(pack, {
    ...meta,
    projectName: meta.projectName ?? defaultProjectName(io),
    date: meta.date ?? io.now().toISOString().slice(0, 10),
    schema: schemaRef(resolve(io.cwd, file), io.cwd, pack, meta.schema),
  }).replace("check FILE", `check ${file}`);
}

/** `init`: writes the answers template (with each question's guidance too with --guidance); never replaces an existing file without --force. */
export async function initCommand(file: string, opts: { force?: boolean; pack?: string; guidance?: boolean; schema?: string }, io: Io): Promise<number> {
  checkSchemaOption(opts.schema);
  const path = resolve(io.cwd, file);
  if (existsSync(path) && !opts.force) {
    throw new UsageError(`${file} already exists; nothing was written`, "edit it, run 'rml-assess check' on it, or add --force to replace it with a blank template");
  }
  refuseOverwritingInput(file, packInputs(opts, io), io, "the answers file");
  const pack = await packFor(opts, io);
  const text = newAnswersFile(pack, file, io, { guidance: Boolean(opts.guidance), ...(opts.schema !== undefined ? { schema: opts.schema } : {}) });
  await refuseUnreadable(text, pack);
  emit(text, file, io, "choose another file name");
  const questions = pack.principles.flatMap((p) => p.questions);
  const gated = questions.filter((q) => q.appliesTo.length).length;
  const more = gated ? `, and ${gated} more that apply only to systems with some traits (list them under project.traits)` : "";
  io.stdout(`Wrote ${file}: ${questions.length - gated} questions across ${pack.principles.length} ${pack.scoring === "levels" ? "levels" : "principles"} to answer${more}.\n` +
    `The project's name is '${terminalSafe(defaultProjectName(io))}', the folder's name, and its owner, description, intended use and assessors are empty: ` +
    `edit them in the file, or run '${commandName(io)} interview ${file}', which asks for them first.\n` +
    (pack.scoring === "levels" ? "Answer the gates in order, from level 0: the level reached is the number of gates passed in a row, and gates after the first one not passed need no answers yet.\n" : "") +
    (pack.origin !== "built-in" && opts.schema === undefined ? `Editors check it with the generic answers schema; for completion of this pack's ids, run '${commandName(io)} schema --pack ${terminalSafe(opts.pack ?? "")} -o answers.schema.json' and name that file with --schema.\n` : "") +
    `Next: fill in the answers, then run '${commandName(io)} check ${file}'.\n`);
  return EXIT.ok;
}
