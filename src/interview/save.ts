import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import type { Pack } from "../core/types.js";
import { UsageError } from "../errors.js";
import { isDiagnostic, readTextFile } from "../io/read.js";
import { writeFileAtomic } from "../io/write.js";
import { editDocument } from "./edit.js";
import { targetFor, type AnswerEdit } from "../load/answer-entry.js";
import type { MetadataValue } from "./metadata.js";
import { setMetadata } from "./metadata-file.js";
import { spliceAnswer } from "../load/splice.js";

export type { AnswerEdit } from "../load/answer-entry.js";

/** The data a YAML text holds, or undefined when it does not parse cleanly. */
function dataOf(text: string): unknown {
  const doc = parseDocument(text);
  return doc.errors.length ? undefined : doc.toJS();
}

/**
 * Returns the answers file's text with one question's answer set. The edit is made with the
 * `yaml` Document API; the text is then changed only where that edit changed something (the
 * entry's own lines), so comments, key order, blank lines and the wrapping of every other value
 * stay exactly as they were. Should the file's shape defeat that (flow-style mappings, say), the
 * whole document is printed by the Document API instead, which still keeps comments and order.
 */
export function setAnswer(text: string, pack: Pack, principleId: string, questionId: string, edit: AnswerEdit): string {
  const target = targetFor(pack, principleId, questionId);
  const doc = parseDocument(text);
  if (doc.errors.length) throw new Error(`cannot edit an answers file with YAML errors: ${doc.errors[0]!.message}`);
  editDocument(doc, target, edit);
  const expected = doc.toJS();
  const spliced = spliceAnswer(text, target, edit);
  if (spliced !== undefined && isDeepStrictEqual(dataOf(spliced), expected)) return spliced;
  return doc.toString({ nullStr: "" });
}

/** The value at a path of keys in parsed data, or undefined. */
function valueAt(data: unknown, path: string[]): unknown {
  let at = data;
  for (const key of path) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The file's text on disk now, as the interview read it at the start (BOM dropped); undefined when it cannot be read. */
function textOnDisk(path: string): string | undefined {
  const read = readTextFile(path);
  return isDiagnostic(read) ? undefined : read.text;
}

/**
 * An answers file being filled in: every answer is written to disk at once, atomically (a
 * temporary file beside it, then a rename), so an interview stopped at any moment loses nothing.
 *
 * Before each save the file is read again. When someone else changed it since (a second interview,
 * an editor), the change is applied to what the file holds now, keeping their edits, unless they
 * changed the same answer or field, or the file no longer reads: then the interview stops with a
 * message, and nothing of theirs is overwritten.
 */
export class AnswersFileWriter {
  /** `file` is the path as the user should read it, for messages. */
  constructor(readonly path: string, private text: string, private readonly pack: Pack, private readonly file = path) {}

  /** Saves one answer; returns false when the file already said exactly that (nothing written). */
  save(principleId: string, questionId: string, edit: AnswerEdit): boolean {
    return this.write((text) => setAnswer(text, this.pack, principleId, questionId, edit), "the answer", ["answers", principleId, questionId]);
  }

  /** Saves one metadata field (`["project", "owner"]`, say); false when nothing changed. */
  saveMetadata(path: string[], value: MetadataValue): boolean {
    return this.write((text) => setMetadata(text, path, value), `the ${path.join(".")}`, path);
  }

  /** The file's text now. */
  get current(): string {
    return this.text;
  }

  /** The text to change: this writer's own, or the file's when someone else saved it since and the change still applies. */
  private base(what: string, path: string[]): string {
    const disk = textOnDisk(this.path);
    if (disk === this.text) return disk;
    const stop = (why: string) => new UsageError(
      `${this.file} was changed by someone else during this interview (another interview or an editor), and ${why}; ${what} was not saved`,
      "their changes are kept; run the interview again to carry on from what the file holds now",
    );
    // Gone or unreadable: saving the interview's own text either restores the file or says why it cannot.
    if (disk === undefined) return this.text;
    const theirs = dataOf(disk);
    if (theirs === undefined) throw stop("it no longer parses as YAML");
    if (!isDeepStrictEqual(valueAt(dataOf(this.text), path), valueAt(theirs, path))) throw stop(`they changed ${path.join(".")} too`);
    return disk;
  }

  private write(change: (text: string) => string, what: string, path: string[]): boolean {
    const base = this.base(what, path);
    const next = change(base);
    this.text = base;
    if (next === base) return false;
    try {
      writeFileAtomic(this.path, next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new UsageError(`cannot save ${what} to ${this.file} (${code})`, "every answer given before this one is in the file; check the disk and the file's permissions, then run the interview again");
    }
    this.text = next;
    return true;
  }
}
