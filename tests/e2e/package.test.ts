import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generate } from "../../bench/generate.js";
import { BATCH } from "../../src/bulk/many.js";
import { NPM_ENV, packTarball } from "../helpers/package.js";
import { CACHE_ENV, EXAMPLES, FIXTURES, REPO, runBinary, withTempDir } from "../helpers/run.js";

/** The tarball `npm pack` makes of this build, packed once for the file. */
let root: string;
let tarball: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "rml-assess-package-"));
  tarball = packTarball(root);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The package as npm would publish it, unpacked where no node_modules can be found: the bundles
 * must carry everything they run.
 */
describe("the packed package", () => {
  it("runs every kind of command from its own files alone", () => withTempDir((dir) => {
    const unpacked = join(dir, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    const pkgDir = join(unpacked, "package");
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { bin: Record<string, string> };
    const bin = join(pkgDir, pkg.bin["rml-assess"]!);
    expect(existsSync(bin)).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(existsSync(join(pkgDir, "node_modules"))).toBe(false);
    // The packs' answers schemas that init's header names (node_modules/rml-assess/schema/answers/).
    for (const id of ["responsible-ml", "mltrl"]) expect(readFileSync(join(pkgDir, "schema", "answers", `${id}.schema.json`), "utf8")).toBe(readFileSync(join(REPO, "schema", "answers", `${id}.schema.json`), "utf8"));

    const run = (args: string[], env: Record<string, string> = { NO_COLOR: "1" }) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", env: { PATH: process.env.PATH ?? "", ...CACHE_ENV, ...env } });
    const example = join(FIXTURES, "complete-assessment", "rml-assessment.yaml");
    expect(run(["--version"]).stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")).version);
    expect(run(["check", example]).status).toBe(0);
    // Colour (chalk), loaded only when there is colour to add.
    const colored = run(["check", example], { FORCE_COLOR: "1" });
    expect(colored.status).toBe(0);
    expect(colored.stdout).toContain("\u001b[32m");
    expect(run(["check", example]).stdout).not.toContain("\u001b[");
    expect(run(["report", example, "--format", "html"]).stdout).toContain("<!DOCTYPE html>");
    // The YAML document library: a custom pack, and an invalid file's located diagnostics.
    expect(run(["principles", "--pack", join(REPO, "principles")]).status).toBe(0);
    const invalid = join(dir, "bad.yaml");
    execFileSync("sh", ["-c", `printf 'version: 1\\nproject: [\\n' > '${invalid}'`]);
    const bad = run(["check", invalid]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+/);
    // The Handlebars compiler: a team's own template.
    const template = join(dir, "t.md.hbs");
    execFileSync("sh", ["-c", `printf '{{project.name}} {{overall.score}}\\n' > '${template}'`]);
    expect(run(["report", example, "--template", template]).stdout).toMatch(/^.+ \d+\n$/);
    // The prompt library: interview refuses without a terminal, after loading its modules.
    const interview = run(["interview", join(dir, "new.yaml")]);
    expect(interview.status).toBe(2);
    expect(interview.stderr).toContain("terminal");
  }), 60_000);
});

/**
 * The tarball installed as a team installs it, into an empty project: one package, with the
 * licences of what its bundles carry, whose binary prints what the repository's own binary prints.
 */
describe("the tarball installed into an empty project", () => {
  let project: string;
  let installed: string;
  beforeAll(() => {
    project = join(root, "project");
    mkdirSync(project);
    const env = { ...process.env, ...NPM_ENV };
    execFileSync("npm", ["init", "-y"], { cwd: project, env, stdio: "ignore" });
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball], { cwd: project, env, stdio: ["ignore", "ignore", "pipe"] });
    installed = join(project, "node_modules", "rml-assess");
    copyFileSync(join(EXAMPLES, "credit-scoring.yaml"), join(project, "credit-scoring.yaml"));
    copyFileSync(join(FIXTURES, "complete-assessment", "rml-assessment.yaml"), join(project, "rml-assessment.yaml"));
  }, 120_000);

  /** The installed binary (node_modules/.bin, as npx runs it) on this test's Node, in the project. */
  const runInstalled = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(join(project, "node_modules", ".bin", "rml-assess"), args, {
      cwd: project,
      encoding: "utf8",
      env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`, HOME: process.env.HOME ?? "", NO_COLOR: "1", ...CACHE_ENV, ...env },
      maxBuffer: 256 * 1024 * 1024,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  /** The repository's own binary, same arguments, same directory, run as npm runs it (so its hints also say `npx rml-assess`). */
  const runOwn = (args: string[], env: Record<string, string> = {}) => runBinary(args, { cwd: project, env: { npm_command: "exec", ...env } });

  it("installs exactly one package", () => {
    expect(readdirSync(join(project, "node_modules")).filter((f) => !f.startsWith("."))).toEqual(["rml-assess"]);
    const listed = execFileSync("npm", ["ls", "--all", "--parseable"], { cwd: project, encoding: "utf8", env: { ...process.env, ...NPM_ENV } }).trim().split("\n");
    expect(listed).toEqual([project, installed]);
    const lock = JSON.parse(readFileSync(join(project, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages)).toEqual(["", "node_modules/rml-assess"]);
    expect(JSON.parse(readFileSync(join(installed, "package.json"), "utf8")).dependencies ?? {}).toEqual({});
  });

  it("ships the licences of the packages its bundles carry", () => {
    const notices = readFileSync(join(installed, "dist", "THIRD_PARTY_NOTICES.md"), "utf8");
    const listed = [...notices.matchAll(/^## (\S+) (\S+)$/gm)].map((m) => m[1]!);
    // The libraries rml-assess imports, and those they bring (e.g. @inquirer/core), each once.
    for (const name of ["@inquirer/prompts", "@inquirer/core", "ajv", "chalk", "commander", "fastest-levenshtein", "handlebars", "ignore", "js-yaml", "picomatch", "yaml"]) expect(listed).toContain(name);
    expect(new Set(listed).size).toBe(listed.length);
    // Every entry carries its licence and a licence file's text.
    for (const section of notices.split(/^## /m).slice(1)) {
      expect(section, section.split("\n")[0]).toMatch(/\nLicence: (MIT|ISC|BSD-3-Clause|BSD-2-Clause|Apache-2\.0)\n/);
      expect(section, section.split("\n")[0]).toMatch(/\n(LICEN[CS]E|license)[^\n]*:\n\n```text\n[\s\S]*\S[\s\S]*\n```/i);
    }
  });

  it("requires nothing at run time but Node's modules and its own files", () => {
    const builtins = new Set(builtinModules);
    const cjs = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? cjs(join(dir, e.name)) : e.name.endsWith(".cjs") ? [join(dir, e.name)] : []));
    const files = [...cjs(join(installed, "dist")), ...cjs(join(installed, "bin"))];
    expect(files.length).toBeGreaterThan(10);
    const outside = files.flatMap((file) =>
      // A require inside a string (ajv's generated code names its runtime as text) is not a call.
      [...readFileSync(file, "utf8").matchAll(/(.)require\("([^"]+)"\)/g)]
        .filter((m) => m[1] !== "'" && !m[2]!.startsWith(".") && !m[2]!.startsWith("node:") && !builtins.has(m[2]!))
        .map((m) => `${file}: ${m[2]}`),
    );
    expect(outside).toEqual([]);
  });

  it("runs check, report --format html and interview --help as the repository's binary does", () => {
    const cases: [string[], number][] = [
      [["check", "credit-scoring.yaml"], 1],
      [["check", "rml-assessment.yaml"], 0],
      [["check", "credit-scoring.yaml", "--format", "json"], 1],
      [["report", "credit-scoring.yaml", "--format", "html"], 0],
      [["interview", "--help"], 0],
    ];
    for (const [args, code] of cases) {
      const env = { SOURCE_DATE_EPOCH: "1790000000" };
      const mine = runInstalled(args, env);
      expect([args.join(" "), mine.code, mine.stderr]).toEqual([args.join(" "), code, ""]);
      expect(mine.stdout).toBe(runOwn(args, env).stdout);
    }
    expect(runInstalled(["report", "credit-scoring.yaml", "--format", "html"]).stdout).toContain("<!DOCTYPE html>");
    expect(runInstalled(["interview", "--help"]).stdout).toContain("Usage: rml-assess interview");
  });

  it("checks a directory of files on worker threads as the repository's binary does", () => {
    // Three batches: both workers of --jobs 2 get files.
    const count = 3 * BATCH;
    generate(join(project, "answers"), count, join(REPO, "dist", "builtin-pack.json"));
    const args = ["check", "answers", "--format", "json", "--jobs", "2"];
    const env = { SOURCE_DATE_EPOCH: "1790000000" };
    const mine = runInstalled(args, env);
    expect([mine.code, mine.stderr]).toEqual([1, ""]);
    expect(JSON.parse(mine.stdout).results).toHaveLength(count);
    expect(mine.stdout).toBe(runOwn(args, env).stdout);
    // The run did start worker threads: the installed worker bundle ran.
    const probe = spawnSync(process.execPath, ["-r", join(FIXTURES, "module-probe", "report-builtins.cjs"), join(installed, "bin", "rml-assess.cjs"), ...args], { cwd: project, encoding: "utf8", env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...CACHE_ENV, ...env }, maxBuffer: 256 * 1024 * 1024 });
    expect(probe.status).toBe(1);
    expect(JSON.parse(probe.stderr.trim().split("\n").at(-1)!).loaded).toContain("worker_threads");
    expect(probe.stdout).toBe(mine.stdout);
  }, 120_000);
});
