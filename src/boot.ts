import { mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { Script } from "node:vm";
import { descriptorWriter } from "./io/io.js";
import { writeFileAtomic } from "./io/write.js";
import { PACKAGE_ROOT } from "./paths.js";
import { TOOL } from "./version.js";

/**
 * The process's entry: the build makes this module, whole, into bin/rml-assess.cjs, so Node loads
 * a single file before the CLI. It answers `--version` itself, then loads the bundled CLI,
 * dist/rml-assess.cjs, through a V8 code cache: the first run of a command compiles the bundle and
 * saves the bytecode of everything that ran; later runs start from it instead of parsing and
 * compiling again. Node 22 has a compile cache of its own, but Node 20 has none; this one works on
 * every Node the tool supports, and keeps a cache per command, so `check` and `report` do not
 * evict each other.
 */

/** The commands that get a cache of their own; anything else (`--help`, a typo) shares one. */
const SLOTS = new Set(["check", "report", "principles", "init", "interview"]);

/**
 * The cache slot for a command line: the command's name and, when given, its format. A cache holds
 * the code its first run compiled, so `report --format html` and `report` (markdown), which run
 * different code, each keep their own; help for any command shares the slot of everything else.
 */
export function slotFor(argv: string[]): string {
  const command = argv.find((a) => !a.startsWith("-"));
  if (!command || !SLOTS.has(command) || argv.includes("--help") || argv.includes("-h")) return "cli";
  const i = argv.findIndex((a) => a === "-f" || a === "--format");
  const format = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith("--format="))?.slice("--format=".length);
  return format && /^[a-z]{1,12}$/.test(format) ? `${command}-${format}` : command;
}

/**
 * The directory the code cache lives in, or null when caching is off (RML_ASSESS_NO_CACHE or
 * Node's own NODE_DISABLE_COMPILE_CACHE set). RML_ASSESS_CACHE_DIR moves it; by default it is the
 * user's cache directory (XDG_CACHE_HOME, else ~/.cache), never a shared one like /tmp.
 */
export function cacheDirFor(env: Record<string, string | undefined>, home = () => homeDir(env)): string | null {
  if (env.RML_ASSESS_NO_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return null;
  if (env.RML_ASSESS_CACHE_DIR) return env.RML_ASSESS_CACHE_DIR;
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home(), ".cache"), "rml-assess");
}

/** The user's home directory: from the environment when it says (as os.homedir does), so the os module loads only when it does not. */
function homeDir(env: Record<string, string | undefined>): string {
  return env.HOME || env.USERPROFILE || process.getBuiltinModule("node:os").homedir();
}

/** FNV-1a: a short, stable name for an installation's path (not a security measure). */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}

declare const __RML_BUILD_ID__: string | undefined;
/** The build's identity, a hash of its bundles, written into the launcher by scripts/build.mjs. */
export const BUILD_ID = typeof __RML_BUILD_ID__ === "string" ? __RML_BUILD_ID__ : "unbuilt";

/**
 * What a cache must match to be used: this build of the bundles and this Node. V8 itself checks
 * its version and flags, but of the source only its length, so a rebuilt bundle of the same
 * length would run stale code; the build's hash rules that out.
 */
export function cacheKey(buildId: string): string {
  return `rml-assess code cache 2 ${buildId} ${process.version} ${process.arch}\n`;
}

/** The cached bytecode in a cache file's content, when its key matches; otherwise undefined. */
export function cachedCode(content: Buffer, key: string): Buffer | undefined {
  const header = Buffer.from(key, "utf8");
  if (content.length <= header.length || !content.subarray(0, header.length).equals(header)) return undefined;
  return content.subarray(header.length);
}

/** A cache directory only this user can write to; anyone else's bytecode would run as this user. */
function trusted(dir: string): boolean {
  const stat = statSync(dir);
  return stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid()) && (stat.mode & 0o022) === 0;
}

function readCache(file: string, key: string, check = trusted): Buffer | undefined {
  try {
    return check(dirname(file)) ? cachedCode(readFileSync(file), key) : undefined;
  } catch {
    return undefined; // No cache yet, or one that cannot be read: compile as usual.
  }
}

/** Saves the bytecode; a cache that cannot be written only means the next run compiles again. */
function writeCache(file: string, key: string, code: Buffer): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    if (trusted(dirname(file))) writeFileAtomic(file, Buffer.concat([Buffer.from(key, "utf8"), code]));
  } catch {
    // A read-only or full disk: run without a cache.
  }
}

/** The bundled CLI's interface. */
interface Cli {
  run(argv: string[]): Promise<number>;
}

/**
 * Loads the CLI's bundles from dist/ (the CLI itself and the parts it requires on use, ./vendor/
 * and ./parts/) as Node would load CommonJS modules, each compiled from a cache when there is a
 * matching one: the user's own, else the one the build made and shipped in dist/cache/ (which a
 * fresh CI machine that installed the package with the same Node can use on its first run). The
 * build wraps every bundle in the function Node wraps a module in, so the file compiles, as it is,
 * to that function. `save` stores the code compiled during the run in the user's cache, for every
 * bundle that had no usable cache.
 */
export class BundleLoader {
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly saves: (() => void)[] = [];

  constructor(private readonly dist: string, private readonly cacheDir: string | null, private readonly slot: string, private readonly buildId = BUILD_ID) {}

  /** The require the bundles are given: their own files through the cache, Node's modules as usual. */
  readonly require = (id: string): unknown => (id.startsWith("./") ? this.load(id) : require(id));

  /** A bundle's exports, by its path relative to dist/ ("./rml-assess.cjs"); each runs once. */
  load(id: string): unknown {
    const known = this.modules.get(id);
    if (known) return known.exports;
    const file = join(this.dist, id);
    // The build keeps the bundles ASCII (esbuild escapes the rest), so latin1 reads them as UTF-8 would, faster.
    const source = readFileSync(file, "latin1");
    const name = `${this.slot}-${id.replace(/^\.\//, "").replace(/\.cjs$/, "").replace(/\//g, "-")}.cache`;
    const cacheFile = this.cacheDir && join(this.cacheDir, `${hashOf(this.dist)}-${name}`);
    const key = cacheKey(this.buildId);
    // The package's own caches are as trusted as its code.
    const cachedData = cacheFile ? readCache(cacheFile, key) ?? readCache(join(this.dist, "cache", name), key, () => true) : undefined;
    const script = new Script(source, { filename: file, cachedData });
    const module = { exports: {} };
    this.modules.set(id, module);
    (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, this.require, module, file, dirname(file));
    if (cacheFile && (!cachedData || script.cachedDataRejected)) this.saves.push(() => writeCache(cacheFile, key, script.createCachedData()));
    return module.exports;
  }

  save(): void {
    for (const save of this.saves.splice(0)) save();
  }
}

/** Runs the CLI on this process's arguments and returns its exit code. */
export async function boot(argv = process.argv.slice(2), env: Record<string, string | undefined> = process.env): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    // As every output: quiet if the reader has already gone (`rml-assess --version | true`).
    descriptorWriter(1)(`${TOOL.version}\n`);
    return 0;
  }
  const loader = new BundleLoader(join(PACKAGE_ROOT, "dist"), cacheDirFor(env), slotFor(argv));
  const code = await (loader.load("./rml-assess.cjs") as Cli).run(argv);
  // A cache keeps what its first run compiled: only a run that did the command's work (passed, or
  // failed its policy) makes one, not a usage or input error that stopped early.
  if (code === 0 || code === 1) loader.save();
  return code;
}
