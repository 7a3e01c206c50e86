import { statSync } from "node:fs";
import type { Position } from "../core/types.js";
import { fileHead, fileHeads } from "./head.js";
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
  return yamlKindAndPack(path).kind;
}

/** The first bytes of an answers file where its `pack:` line is looked for (packDeclarationIn). */
export const PACK_HEAD_BYTES = 16_384;

/** A `pack: ID` line: the id, and where the value stands. */
export interface PackLine {
  id: string;
  at: Position;
}

/**
 * The `pack: ID` line of an answers file's text (a top-level key, written plain or quoted, after
 * an optional byte-order mark; CRLF line ends allowed), with where its value stands; null for none.
 */
export function packDeclarationIn(head: string): PackLine | null {
  const match = /^(?:\uFEFF)?(["']?)pack\1[ \t]*:[ \t]*(["']?)([A-Za-z0-9._-]+)\2[ \t]*(?:#.*)?\r?$/m.exec(head);
  if (!match) return null;
  const before = head.slice(0, match.index);
  const line = before.split("\n").length;
  const value = match[0].indexOf(match[2]! + match[3]!, match[0].indexOf(":"));
  const column = value - (line === 1 && head.startsWith("\uFEFF") ? 1 : 0) + 1;
  return { id: match[3]!, at: { line, column } };
}

/** Pack ids as kept, one string each: an id cut from a head would keep the whole head alive. */
const ids = new Map<string, string>();

/** A pack line as a search keeps it for a run's files: its id a string of its own, shared by every file naming it. */
function kept(line: PackLine | null): PackLine | null {
  if (line === null) return null;
  let id = ids.get(line.id);
  if (id === undefined) {
    id = Buffer.from(line.id, "latin1").toString("latin1");
    if (ids.size < 1000) ids.set(id, id);
  }
  return { id, at: line.at };
}

/**
 * What a YAML file is (yamlKind) and, for an answers file, its `pack:` line within its first
 * PACK_HEAD_BYTES (null for none, or when the file cannot be read), from one read of its head.
 */
export function yamlKindAndPack(path: string): { kind: YamlKind; pack: PackLine | null } {
  try {
    const { head, prefix } = fileHeads(path, HEAD_BYTES, PACK_HEAD_BYTES);
    const fromHead = classify(head);
    if (fromHead?.kind === "answers") return { kind: fromHead, pack: kept(packDeclarationIn(prefix)) };
    const kind = kindOfRest(path, fromHead);
    return { kind, pack: kind.kind === "answers" ? kept(packDeclarationIn(prefix)) : null };
  } catch {
    return { kind: { kind: "answers" }, pack: null };
  }
}

/** What a file whose head did not show it to be an answers file is, from the rest of it (yamlKind). */
function kindOfRest(path: string, fromHead: YamlKind | null): YamlKind {
  try {
    const size = statSync(path).size;
    if (size <= HEAD_BYTES) return fromHead ?? { kind: "other" };
    if (size > MAX_INPUT_BYTES) return { kind: "answers" };
    return classify(fileHead(path, size)) ?? { kind: "other" };
  } catch {
    return { kind: "answers" };
  }
}
