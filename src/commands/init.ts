import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { Document, isMap, isPair, isScalar, type Pair, type Scalar, type YAMLMap } from "yaml";
import { EXIT, UsageError } from "../errors.js";
import type { Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { terminalSafe, wrapWords } from "../io/terminal.js";
import { SCHEMA_DIR } from "../paths.js";
import { emit } from "./output.js";
import { packFor } from "./pack-option.js";

/** Wraps prose into comment lines of at most `width` characters. */
export function wrapComment(text: string, width = 96): string {
  return wrapWords(text, width).map((l) => ` ${l}`).join("\n");
}

/**
 * Where the answers schema is, as the file's `$schema` line should say it: relative to the file,
 * and through node_modules when the tool runs from elsewhere (npx or a global install).
 */
export function schemaRef(file: string, cwd: string): string {
  const installed = join(SCHEMA_DIR, "answers.schema.json");
  const insideProject = !relative(cwd, installed).startsWith("..");
  const target = insideProject ? installed : join(cwd, "node_modules", "rml-assess", "schema", "answers.schema.json");
  return relative(dirname(file), target).split(sep).join("/");
}

function pairWithKey(map: unknown, key: string): Pair<Scalar> | undefined {
  if (!isMap(map)) return undefined;
  return (map as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key) as Pair<Scalar> | undefined;
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
}

/** The answers template: every principle and question, each question's text as a comment. */
export function answersTemplate(pack: Pack, opts: TemplateMetadata): string {
  const answers: Record<string, Record<string, object>> = {};
  for (const p of pack.principles) {
    answers[p.id] = Object.fromEntries(p.questions.map((q) => [q.id, { answer: null, notes: null, evidence: [] }]));
  }
  const doc = new Document({
    version: 1,
    project: { name: opts.projectName, owner: opts.owner ?? "", description: opts.description ?? "" },
    assessors: (opts.assessors ?? []).map((a) => (a.role ? { name: a.name, role: a.role } : { name: a.name })),
    date: opts.date,
    pack: pack.id,
    answers,
  });
  doc.commentBefore = ` yaml-language-server: $schema=${opts.schema}\n rml-assess answers file. For each question set answer to yes, partial, no or n/a (n/a needs notes\n saying why); evidence lists paths or URLs. Check it with: npx rml-assess check ${"FILE"}`;
  const project = pairWithKey(doc.contents, "project")!;
  project.key.commentBefore = " The ML system being assessed. Only name is required.";
  const assessors = pairWithKey(doc.contents, "assessors")!;
  assessors.key.commentBefore = " Who made the assessment, e.g.\n - name: A. Example\n   role: ML engineer";
  pairWithKey(doc.contents, "date")!.key.commentBefore = " When the assessment was made (YYYY-MM-DD).";
  const answersMap = pairWithKey(doc.contents, "answers")!.value as unknown as YAMLMap;
  pack.principles.forEach((p, n) => {
    const principle = pairWithKey(answersMap, p.id)!;
    if (n > 0) principle.key.spaceBefore = true;
    principle.key.commentBefore = wrapComment(`${p.number}. ${p.title}: ${p.commitment.text}`);
    p.questions.forEach((q, i) => {
      const question = pairWithKey(principle.value, q.id)!;
      if (i > 0) question.key.spaceBefore = true;
      const text = wrapComment(`${q.text}${q.weight !== 1 ? ` (weight ${q.weight})` : ""}`);
      question.key.commentBefore = opts.guidance ? `${text}\n${wrapComment(`Guidance: ${q.guidance}`)}` : text;
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
export function newAnswersFile(pack: Pack, file: string, io: Io, meta: Partial<Omit<TemplateMetadata, "schema">> = {}): string {
  return answersTemplate(pack, {
    ...meta,
    projectName: meta.projectName ?? defaultProjectName(io),
    date: meta.date ?? io.now().toISOString().slice(0, 10),
    schema: schemaRef(resolve(io.cwd, file), io.cwd),
  }).replace("check FILE", `check ${file}`);
}

/** `init`: writes the answers template (with each question's guidance too with --guidance); never replaces an existing file without --force. */
export async function initCommand(file: string, opts: { force?: boolean; pack?: string; guidance?: boolean }, io: Io): Promise<number> {
  const path = resolve(io.cwd, file);
  if (existsSync(path) && !opts.force) {
    throw new UsageError(`${file} already exists; nothing was written`, "edit it, run 'rml-assess check' on it, or add --force to replace it with a blank template");
  }
  const pack = await packFor(opts, io);
  emit(newAnswersFile(pack, file, io, { guidance: Boolean(opts.guidance) }), file, io);
  const count = pack.principles.reduce((n, p) => n + p.questions.length, 0);
  io.stdout(`Wrote ${file}: ${count} questions across ${pack.principles.length} principles to answer.\n` +
    `The project's name is '${terminalSafe(defaultProjectName(io))}', the folder's name, and its owner, description and assessors are empty: ` +
    `edit them in the file, or run 'rml-assess interview ${file}', which asks for them first.\n` +
    `Next: fill in the answers, then run 'rml-assess check ${file}'.\n`);
  return EXIT.ok;
}
