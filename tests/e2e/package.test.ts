import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CACHE_ENV, FIXTURES, REPO, withTempDir } from "../helpers/run.js";

/**
 * The package as npm would publish it, unpacked where no node_modules can be found: the bundles
 * must carry everything they run.
 */
describe("the packed package", () => {
  it("runs every kind of command from its own files alone", () => withTempDir((dir) => {
    const [packed] = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { filename: string }[];
    const root = join(dir, "unpacked");
    mkdirSync(root);
    execFileSync("tar", ["-xzf", join(dir, packed!.filename), "-C", root]);
    const pkgDir = join(root, "package");
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
