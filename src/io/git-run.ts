
/**
 * Settings every git call runs with, so that nothing the repository's own configuration names is
 * run (a checked repository may be a team's tarball or a pull request's checkout): no file-system
 * monitor, no hooks, no network, no pager, no signature checks, no replace refs swapping what a
 * revision holds.
 */
const SAFE_SETTINGS = [
  "core.fsmonitor=false", "core.hooksPath=/dev/null", "protocol.allow=never", "core.pager=cat",
  "log.showSignature=false", "diff.external=", "core.untrackedCache=false", "submodule.recurse=false",
];

/**
 * The environment git runs in: only what finding git and the user's own (global) settings need,
 * with no GIT_* variable from outside (GIT_DIR, GIT_CONFIG_PARAMETERS, GIT_EXTERNAL_DIFF...), and
 * git told not to prompt, not to take optional locks (nothing is written to the index) and not to
 * apply replace refs; messages in English (LC_ALL=C), as they are matched.
 */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "HOME", "USERPROFILE", "SYSTEMROOT", "XDG_CONFIG_HOME", "TMPDIR", "TEMP", "TMP"]) {
    if (env[key] !== undefined) kept[key] = env[key];
  }
  return { ...kept, LC_ALL: "C", GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", GIT_NO_REPLACE_OBJECTS: "1" };
}

/** git's output, or why it failed: its stderr and, when git ran, its exit status. */
type Run = { ok: true; out: Buffer } | { ok: false; err: string; status?: number };

function exec(args: string[], cwd: string, maxBuffer: number): Run {
  try {
    // child_process is fetched on first use: most runs never start git.
    const { execFileSync } = process.getBuiltinModule("node:child_process");
    return { ok: true, out: execFileSync("git", args, { cwd, env: gitEnvironment(), stdio: ["ignore", "pipe", "pipe"], maxBuffer, windowsHide: true }) };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer; status?: number | null };
    if (e.code === "ENOENT") return { ok: false, err: "ENOENT" };
    if (e.code === "ENOBUFS") return { ok: false, err: "ENOBUFS: git's output is larger than expected" };
    const err = (e.stderr?.toString("utf8") ?? String(error)).trim();
    return typeof e.status === "number" ? { ok: false, err, status: e.status } : { ok: false, err };
  }
}

/** The configuration keys read once per directory: filter drivers (to turn off), remotes' URLs and branches' remotes (provenance.ts). */
const CONFIG_KEYS = "^(filter\\..+|remote\\..+\\.url|branch\\..+\\.remote)$";
const configs = new Map<string, Run>();

/**
 * The configuration entries of CONFIG_KEYS seen from `cwd` (every scope, includes followed), as
 * [key, value] pairs, from one `git config` per directory (reading it runs nothing), kept for the
 * run; or why git could not list them. None set is an empty list (git's exit status 1, no message).
 */
export function configEntries(cwd: string): { ok: true; pairs: [string, string][] } | { ok: false; err: string; status?: number } {
  let listed = configs.get(cwd);
  if (!listed) {
    listed = exec(["-c", "core.fsmonitor=false", "config", "-z", "--get-regexp", CONFIG_KEYS], cwd, 1024 * 1024);
    configs.set(cwd, listed);
  }
  if (!listed.ok) return listed.status === 1 && listed.err === "" ? { ok: true, pairs: [] } : listed;
  // -z: each entry is the key, a newline and the value, ended by NUL (a key without a value: no newline).
  return {
    ok: true,
    pairs: listed.out.toString("utf8").split("\0").filter(Boolean).map((entry): [string, string] => {
      const cut = entry.indexOf("\n");
      return cut < 0 ? [entry, ""] : [entry.slice(0, cut), entry.slice(cut + 1)];
    }),
  };
}

/** Lets the configuration read so far go: a run reads it afresh (main.ts calls this first, as in-process runs share the module). */
export function forgetGitConfig(): void {
  configs.clear();
  driversOff.clear();
}

/**
 * Filter drivers named in the configuration seen from `cwd`, turned off: git runs a clean filter
 * (the repository's code) on a changed file for `status` and `blame`. An empty command is no
 * filter. (Textconv, the other driver, is turned off with --no-textconv on `blame` and `show`.)
 */
const driversOff = new Map<string, string[]>();
function driverSettings(cwd: string): string[] {
  const known = driversOff.get(cwd);
  if (known) return known;
  const listed = configEntries(cwd);
  const names = new Set<string>();
  for (const [key] of listed.ok ? listed.pairs : []) {
    const m = /^filter\.(.+)\.[^.]+$/.exec(key);
    if (m) names.add(m[1]!);
  }
  const settings = [...names].flatMap((name) => [`filter.${name}.clean=`, `filter.${name}.smudge=`, `filter.${name}.process=`, `filter.${name}.required=false`]);
  driversOff.set(cwd, settings);
  return settings;
}

/**
 * Runs git with an argument array (never a shell) in `cwd`, with SAFE_SETTINGS, the repository's
 * filter drivers off, and gitEnvironment; its output, or the failure's stderr.
 */
export function runGit(args: string[], cwd: string, maxBuffer: number): Run {
  const settings = [...SAFE_SETTINGS, ...driverSettings(cwd)].flatMap((s) => ["-c", s]);
  return exec(["--no-pager", ...settings, ...args], cwd, maxBuffer);
}
