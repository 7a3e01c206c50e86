import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import type { FileLook, FileReader } from "../core/probes.js";
import { git } from "./git.js";

/** How much probes may read: files listed, bytes of text read in all, and bytes read of any one file. */
export interface ProbeLimits {
  maxFiles: number;
  maxBytes: number;
  fileBytes: number;
}

/** The defaults: far above a large repository's needs, yet bounded in time and memory (docs/probes.md). */
export const PROBE_LIMITS: ProbeLimits = { maxFiles: 500_000, maxBytes: 1024 * 1024 * 1024, fileBytes: 2 * 1024 * 1024 };

/**
 * The limits of a run: the defaults, each lowered or raised by RML_PROBE_MAX_FILES or
 * RML_PROBE_MAX_BYTES (a positive integer; anything else is ignored), which tests also use.
 */
export function probeLimits(env: Record<string, string | undefined>): ProbeLimits {
  const number = (value: string | undefined, fallback: number) => (value !== undefined && /^[1-9][0-9]{0,11}$/.test(value) ? Number(value) : fallback);
  return { ...PROBE_LIMITS, maxFiles: number(env.RML_PROBE_MAX_FILES, PROBE_LIMITS.maxFiles), maxBytes: number(env.RML_PROBE_MAX_BYTES, PROBE_LIMITS.maxBytes) };
}

/** Why a repository cannot be probed: a message and its hint. */
export interface ProbeUnavailable {
  unavailable: string;
  hint: string;
}

/**
 * The repository holding `dir` and its files as git lists them (tracked, and untracked ones no
 * ignore rule covers: `git ls-files -co --exclude-standard -z`), paths relative to its root. Outside
 * a work tree, without git, when git fails or the list is over `limits.maxFiles`: why not.
 */
export function repositoryFiles(dir: string, limits: ProbeLimits): { root: string; files: string[] } | ProbeUnavailable {
  const top = git(["rev-parse", "--show-toplevel"], dir, 1024 * 1024);
  if (!top.ok) {
    if (top.err === "ENOENT") return { unavailable: "git is not installed or not on the PATH", hint: "probes read git's list of the repository's files; install git" };
    return { unavailable: `${dir} is not inside a git work tree (${top.err.split("\n")[0]})`, hint: "run probes in a git checkout of the repository; 'git init' makes one" };
  }
  const root = top.out.toString("utf8").replace(/\n$/, "");
  // About 4 KiB a path at most; git's output past that bound is refused (ENOBUFS), never buffered without end.
  const listed = git(["ls-files", "-co", "--exclude-standard", "-z"], root, Math.min(limits.maxFiles * 4096, 1 << 30));
  if (!listed.ok) return { unavailable: `git cannot list the files of ${root} (${listed.err.split("\n")[0]})`, hint: "make git able to read the repository (in CI: git config --global --add safe.directory PATH), then run again" };
  const files = listed.out.toString("utf8").split("\0").filter(Boolean);
  if (files.length > limits.maxFiles) return { unavailable: `the repository lists ${files.length} files, over the limit of ${limits.maxFiles} probes read`, hint: "set RML_PROBE_MAX_FILES to a higher number to probe it all" };
  return { root, files };
}

// An answers file's top-level keys (io/answers-head.ts), in lower-cased text.
const ANSWERS_VERSION = /^(?:\ufeff)?(["']?)version\1[ \t]*:[ \t]*(1|"1"|'1')[ \t]*(#.*)?\r?$/m;
const ANSWERS_KEY = /^(?:\ufeff)?(["']?)answers\1[ \t]*:/m;
// A pack's question file declares probes, whose text names what they look for.
const PROBES_KEY = /^[ \t]*(["']?)probes\1[ \t]*:/m;

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

/**
 * Looks at candidate files of a repository for the probes: never follows a link (a symbolic link,
 * or a path through a linked directory), never opens a FIFO, socket or device, and reads at most `limits.fileBytes` of a file and `limits.maxBytes` in all; over that,
 * a file is refused as over the limit. Text comes back lower-cased, decoded as UTF-8 (invalid bytes
 * replaced); an answers file's text comes back empty, so that what a team writes in its answers
 * can never stand in for a file the repository lacks, and so does a pack's YAML that declares
 * probes, whose `contains:` lists would otherwise find themselves.
 */
export function probeReader(root: string, limits: ProbeLimits): FileReader {
  const realRoot = realpathSync(root);
  const decoder = new TextDecoder("utf-8");
  let budget = limits.maxBytes;
  // Whether each folder on a path is a real directory, not a link: looked up once per folder, so a
  // large repository costs one lstat per folder rather than a realpath per file.
  const folders = new Map<string, "ok" | "link" | "missing">([["", "ok"]]);
  const folder = (rel: string): "ok" | "link" | "missing" => {
    const known = folders.get(rel);
    if (known) return known;
    const slash = rel.lastIndexOf("/");
    let state = folder(slash === -1 ? "" : rel.slice(0, slash));
    if (state === "ok") {
      const stat = lstatSync(join(realRoot, rel), { throwIfNoEntry: false });
      state = !stat ? "missing" : stat.isSymbolicLink() || !stat.isDirectory() ? "link" : "ok";
    }
    folders.set(rel, state);
    return state;
  };
  return (path: string, wantText: boolean): FileLook => {
    const full = resolve(realRoot, path);
    if (!inside(realRoot, full)) return { state: "refused", reason: "outside the repository" };
    const slash = path.lastIndexOf("/");
    const parent = folder(slash === -1 ? "" : path.slice(0, slash));
    if (parent === "missing") return { state: "missing" };
    if (parent === "link") return { state: "refused", reason: "reached through a linked directory (probes never follow links)" };
    const stat = lstatSync(full, { throwIfNoEntry: false });
    if (!stat) return { state: "missing" };
    if (stat.isSymbolicLink()) return { state: "refused", reason: "a symbolic link (probes never follow links)" };
    if (stat.isDirectory()) return { state: "refused", reason: "a directory (a submodule?)" };
    if (!stat.isFile()) return { state: "refused", reason: "not a regular file (a FIFO, socket or device)" };
    if (!wantText) return { state: "file", text: null };
    const want = Math.min(stat.size, limits.fileBytes);
    if (want > budget) return { state: "refused", reason: `not read: probes read at most ${limits.maxBytes} bytes in all`, limit: true };
    let fd: number;
    try {
      fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      return { state: "refused", reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
    try {
      // What was opened is checked again: a file swapped for a FIFO after the lstat cannot block.
      if (!fstatSync(fd).isFile()) return { state: "refused", reason: "not a regular file (a FIFO, socket or device)" };
      const buffer = Buffer.allocUnsafe(want);
      let n = 0;
      while (n < want) {
        const got = readSync(fd, buffer, n, want - n, null);
        if (got === 0) break;
        n += got;
      }
      budget -= n;
      const text = decoder.decode(buffer.subarray(0, n)).toLowerCase();
      // An answers file's notes are claims, not evidence, and a pack's probes name what they look
      // for: neither text ever satisfies a probe.
      const claims = /\.ya?ml$/i.test(path) && ((ANSWERS_VERSION.test(text) && ANSWERS_KEY.test(text)) || PROBES_KEY.test(text));
      return { state: "file", text: claims ? "" : text };
    } catch (error) {
      return { state: "refused", reason: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    } finally {
      closeSync(fd);
    }
  };
}
