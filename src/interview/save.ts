import { isDeepStrictEqual } from "node:util";
import { parseDocument } from "yaml";
import type { Pack } from "../core/types.js";
import { UsageError } from "../errors.js";
import { writeFileAtomic } from "../io/write.js";
import { editDocument } from "./edit.js";
import { targetFor, type AnswerEdit } from "./entry.js";
import type { MetadataValue } from "./metadata.js";
import { setMetadata } from "./metadata-file.js";
import { spliceAnswer } from "./splice.js";

export type { AnswerEdit } from "./entry.js";

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

/**
 * An answers file being filled in: every answer is written to disk at once, atomically (a
 * temporary file beside it, then a rename), so an interview stopped at any moment loses nothing.
 */
export class AnswersFileWriter {
  /** `file` is the path as the user should read it, for messages. */
  constructor(readonly path: string, private text: string, private readonly pack: Pack, private readonly file = path) {}

  /** Saves one answer; returns false when the file already said exactly that (nothing written). */
  save(principleId: string, questionId: string, edit: AnswerEdit): boolean {
    return this.write(setAnswer(this.text, this.pack, principleId, questionId, edit), "the answer");
  }

  /** Saves one metadata field (`["project", "owner"]`, say); false when nothing changed. */
  saveMetadata(path: string[], value: MetadataValue): boolean {
    return this.write(setMetadata(this.text, path, value), `the ${path.join(".")}`);
  }

  /** The file's text now. */
  get current(): string {
    return this.text;
  }

  private write(next: string, what: string): boolean {
    if (next === this.text) return false;
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
