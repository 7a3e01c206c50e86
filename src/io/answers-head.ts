import { statSync } from "node:fs";
import { fileHead } from "./head.js";
import { MAX_INPUT_BYTES } from "./read.js";

const HEAD_BYTES = 64 * 1024;

/** What a YAML file found in a directory is: an answers file, one that looks like it but lacks a key (why), or another file. */
export type YamlKind = { kind: "answers" } | { kind: "look-alike"; why: string } | { kind: "other" };

// Top-level keys, written plain or quoted, after an optional byte-order mark; CRLF line ends allowed.
const VERSION_1 = /^(?:\uFEFF)?(["']?)version\1[ \t]*:[ \t]*(1|"1"|'1')[ \t]*(#.*)?\r?$/m;
const ANSWERS = /^(?:\uFEFF)?(["']?)answers\1[ \t]*:/m;
const PROJECT = /^(?:\uFEFF)?(["']?)project\1[ \t]*:/m;

function classify(text: string): YamlKind | null {
  const version = VERSION_1.test(text);
  const answers = ANSWERS.test(text);
  if (version && answers) return { kind: "answers" };
  if (version) return { kind: "look-alike", why: "it has 'version: 1' but no top-level 'answers:'" };
  if (answers && PROJECT.test(text)) return { kind: "look-alike", why: "it has 'project:' and 'answers:' but no 'version: 1'" };
  return null;
}

/**
 * What a YAML file is, from its top-level keys (`version: 1` and `answers:` make an answers file),
 * read without parsing: its first 64 KiB, and the whole file (up to the input limit) when the keys
 * are not all there, so that a long leading comment or a long `project:` block cannot hide them.
 * A file that cannot be read, or is over the limit, counts as an answers file, so that checking it
 * says why rather than it being left out in silence.
 */
export function yamlKind(path: string): YamlKind {
  try {
    const head = fileHead(path, HEAD_BYTES);
    const fromHead = classify(head);
    if (fromHead?.kind === "answers") return fromHead;
    const size = statSync(path).size;
    if (size <= HEAD_BYTES) return fromHead ?? { kind: "other" };
    if (size > MAX_INPUT_BYTES) return { kind: "answers" };
    return classify(fileHead(path, size)) ?? { kind: "other" };
  } catch {
    return { kind: "answers" };
  }
}
