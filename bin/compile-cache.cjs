// Where Node's compile cache may live: a directory only the running user can write, reached through
// directories nobody else can change, else none. Node checks an entry only against a checksum of the
// (public) bundle, so whoever can write the cache directory can make the tool run their code.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

/**
 * True when `dir` (an existing, real path) and every directory above it are safe for `uid`:
 * `dir` itself is owned by `uid` and writable by nobody else; each ancestor is owned by `uid` or
 * root and not writable by group or others, unless it is root's and sticky (like /tmp), where
 * nobody can rename or remove what another user made.
 */
function isPrivateDirectory(dir, uid) {
  const own = fs.lstatSync(dir);
  if (!own.isDirectory() || own.uid !== uid || (own.mode & 0o022) !== 0) return false;
  for (let at = path.dirname(dir); ; at = path.dirname(at)) {
    const st = fs.lstatSync(at);
    if (!st.isDirectory()) return false;
    if (st.uid !== uid && st.uid !== 0) return false;
    const othersWrite = (st.mode & 0o022) !== 0;
    const rootSticky = st.uid === 0 && (st.mode & 0o1000) !== 0;
    if (othersWrite && !rootSticky) return false;
    if (path.dirname(at) === at) return true;
  }
}

/**
 * The compile cache directory for this run, or undefined for none: `$XDG_CACHE_HOME/rml-assess/compile`
 * (an absolute XDG_CACHE_HOME only, as the XDG spec says) or `~/.cache/rml-assess/compile`, created
 * 0700 and then checked with isPrivateDirectory. Without user ids (Windows) the per-user
 * `%LOCALAPPDATA%` is used, which the system keeps private to its user.
 */
function privateCacheDirectory(env, home, uid) {
  if (uid === undefined) {
    return env.LOCALAPPDATA && path.isAbsolute(env.LOCALAPPDATA) ? path.join(env.LOCALAPPDATA, "rml-assess", "compile") : undefined;
  }
  const xdg = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : undefined;
  const root = xdg ?? (home && path.isAbsolute(home) ? path.join(home, ".cache") : undefined);
  if (!root) return undefined;
  const dir = path.join(root, "rml-assess", "compile");
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const real = fs.realpathSync(dir);
    return isPrivateDirectory(real, uid) ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns on Node's compile cache (Node 22.1+) where it is safe: in NODE_COMPILE_CACHE when the user
 * set it (their choice, as Node documents), else in privateCacheDirectory, else not at all.
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off, as in Node.
 */
function enablePrivateCompileCache(env = process.env) {
  const nodeModule = require("node:module");
  if (typeof nodeModule.enableCompileCache !== "function" || env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.NODE_COMPILE_CACHE) return nodeModule.enableCompileCache();
  const dir = privateCacheDirectory(env, require("node:os").homedir(), process.getuid?.());
  return dir === undefined ? undefined : nodeModule.enableCompileCache(dir);
}

module.exports = { enablePrivateCompileCache, privateCacheDirectory, isPrivateDirectory };
