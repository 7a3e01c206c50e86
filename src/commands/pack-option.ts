import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Pack, Position } from "../core/types.js";
import { UsageError } from "../errors.js";
import { packDeclarationIn, PACK_HEAD_BYTES } from "../io/answers-head.js";
import { fileHead } from "../io/head.js";
import type { Io } from "../io/io.js";
import { BUILTIN_PACKS } from "../paths.js";
import { noteRead } from "../io/read-set.js";

/** The built-in pack used when neither --pack, a config's `packs:` nor the file names one: the first built-in one (principles/, the product's own). */
export const DEFAULT_PACK = Object.keys(BUILTIN_PACKS)[0]!;

/** A built-in pack: its JSON from the build, or its YAML when there is no build (tests running from source). */
export async function builtinPack(id: string, io: Io): Promise<Pack> {
  const { dir, json } = BUILTIN_PACKS[id]!;
  try {
    const pack = JSON.parse(readFileSync(json, "utf8")) as Pack;
    noteRead(json);
    return pack;
  } catch {
    // No build: read the directory like any other pack.
  }
  const { loadPack } = await import("../load/pack.js");
  return loadPack(dir, io.cwd, "built-in");
}

/** The first bytes of a file, where an answers file's top-level keys stand; "" when it cannot be read. */
function headOf(path: string): string {
  try {
    return fileHead(path, PACK_HEAD_BYTES);
  } catch {
    return "";
  }
}

/**
 * The pack an answers file names with a top-level `pack: ID` line in its first 16 KB (a BOM, CRLF
 * line ends and a quoted key allowed), read without parsing the YAML (the file is parsed and checked
 * against the pack later), with where it stands; null for none or an unreadable file.
 */
export function packDeclaration(path: string): { id: string; at: Position } | null {
  return packDeclarationIn(headOf(path));
}

export { packDeclarationIn };

/**
 * The built-in pack an answers file names with `pack:` (packDeclaration); null for none, or an id
 * that is not built in (the file's check then reports the mismatch).
 */
export function declaredPack(file: string | undefined, io: Io): string | null {
  if (file === undefined) return null;
  const id = packDeclaration(resolve(io.cwd, file))?.id;
  return id && id in BUILTIN_PACKS ? id : null;
}

/**
 * The files of a `check` run without --pack, grouped by the built-in pack each names (`pack:`, else
 * the default), groups in the order their first file comes.
 */
export async function packGroups(files: string[], io: Io): Promise<{ pack: Pack; files: string[] }[]> {
  const byId = new Map<string, string[]>();
  for (const file of files) {
    const id = declaredPack(file, io) ?? DEFAULT_PACK;
    const list = byId.get(id);
    if (list) list.push(file);
    else byId.set(id, [file]);
  }
  if (!byId.size) byId.set(DEFAULT_PACK, []);
  return Promise.all([...byId].map(async ([id, list]) => ({ pack: await builtinPack(id, io), files: list })));
}

/**
 * The pack a command works with: --pack NAME (a built-in pack by id), --pack DIR (its YAML parsed
 * and validated now, the loader imported only then), else the built-in pack the answers file names
 * with `pack:`, else the default built-in pack (parsed at build time into dist/).
 */
export async function packFor(opts: { pack?: string }, io: Io, answersFile?: string): Promise<Pack> {
  const option = opts.pack;
  if (option === undefined) return builtinPack(declaredPack(answersFile, io) ?? DEFAULT_PACK, io);
  if (option in BUILTIN_PACKS) return builtinPack(option, io);
  if (!/[\\/.]/.test(option) && !existsSync(resolve(io.cwd, option))) {
    const names = Object.keys(BUILTIN_PACKS);
    const { didYouMean } = await import("../load/suggest.js");
    throw new UsageError(`unknown pack '${option}': it is neither a built-in pack nor a directory`, `${didYouMean(option, names, "built-in pack")} (a pack directory is given by its path, e.g. ./${option})`);
  }
  const { loadPack } = await import("../load/pack.js");
  return loadPack(option, io.cwd, option);
}

/**
 * The files of a --pack directory (pack.yaml and each principle's YAML file), which no output may
 * overwrite; none for a built-in pack, which is not the user's to write.
 */
export function packInputs(opts: { pack?: string }, io: Io): string[] {
  if (!opts.pack || opts.pack in BUILTIN_PACKS) return [];
  const dir = resolve(io.cwd, opts.pack);
  try {
    return readdirSync(dir).filter((f) => /\.ya?ml$/i.test(f)).map((f) => join(dir, f));
  } catch {
    return []; // No such directory: loading the pack says so.
  }
}
