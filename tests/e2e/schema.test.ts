import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, REPO, runBinary, runInProcess, withTempDir } from "../helpers/run.js";

const TRAITS_PACK = join(FIXTURES, "traits-pack");
const committed = (id: string) => readFileSync(join(REPO, "schema", "answers", `${id}.schema.json`), "utf8");
const headerOf = (file: string) => readFileSync(file, "utf8").split("\n")[0];

describe("rml-assess schema", () => {
  it("writes a built-in pack's schema, the one shipped in schema/answers/, to standard output", async () => {
    const r = await runInProcess(["schema"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(committed("responsible-ml"));
    const mltrl = runBinary(["schema", "--pack", "mltrl"]);
    expect(mltrl.code).toBe(0);
    expect(mltrl.stdout).toBe(committed("mltrl"));
  });

  it("writes a custom pack's schema to -o, which an answers file's header can name", () => withTempDir(async (dir) => {
    const r = await runInProcess(["schema", "--pack", TRAITS_PACK, "-o", "traits.schema.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Wrote traits\.schema\.json: the answers schema of traits-demo 1\.1\.0\./);
    const schema = JSON.parse(readFileSync(join(dir, "traits.schema.json"), "utf8"));
    expect(Object.keys(schema.properties.answers.properties)).toEqual(["alpha", "beta"]);
    const init = await runInProcess(["init", "answers.yaml", "--pack", TRAITS_PACK, "--schema", "traits.schema.json"], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    expect(headerOf(join(dir, "answers.yaml"))).toBe("# yaml-language-server: $schema=traits.schema.json");
  }));

  it("refuses an invalid pack (exit 2, located) and an output over the pack's own files", () => withTempDir(async (dir) => {
    writeFileSync(join(dir, "pack.yaml"), "id: broken\n");
    const bad = await runInProcess(["schema", "--pack", dir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/pack\.yaml:1:1: .*missing the required key/);
    const over = await runInProcess(["schema", "--pack", TRAITS_PACK, "-o", join(TRAITS_PACK, "pack.yaml")]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/refusing to write the output over the input/);
    const unknown = await runInProcess(["schema", "--pack", "responsible-mlx"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown pack 'responsible-mlx'/);
  }));
});

describe("init's yaml-language-server header", () => {
  it("names the pack's schema inside node_modules/rml-assess when the tool is not in the project", () => withTempDir(async (dir) => {
    expect((await runInProcess(["init", "a.yaml"], { cwd: dir })).code).toBe(0);
    expect(headerOf(join(dir, "a.yaml"))).toBe("# yaml-language-server: $schema=node_modules/rml-assess/schema/answers/responsible-ml.schema.json");
    mkdirSync(join(dir, "sub"));
    expect((await runInProcess(["init", "sub/b.yaml", "--pack", "mltrl"], { cwd: dir })).code).toBe(0);
    expect(headerOf(join(dir, "sub", "b.yaml"))).toBe("# yaml-language-server: $schema=../node_modules/rml-assess/schema/answers/mltrl.schema.json");
  }));

  it("names the repository's schema for a file inside a clone of rml-assess, or when run from the clone", () => withTempDir(async (dir) => {
    // A file inside the clone (ignored by git as *.tmp-*), written from elsewhere.
    const inClone = join(REPO, "examples", `header.tmp-${process.pid}.yaml`);
    try {
      expect((await runInProcess(["init", inClone], { cwd: dir })).code).toBe(0);
      expect(headerOf(inClone)).toBe("# yaml-language-server: $schema=../schema/answers/responsible-ml.schema.json");
    } finally {
      rmSync(inClone, { force: true });
    }
    // Run from the clone, a file written elsewhere names the clone's schema by its relative path.
    expect((await runInProcess(["init", join(dir, "x.yaml")], { cwd: REPO })).code).toBe(0);
    const ref = headerOf(join(dir, "x.yaml"))!.split("$schema=")[1]!;
    expect(join(dir, ref)).toBe(join(REPO, "schema", "answers", "responsible-ml.schema.json"));
  }));

  it("names the generic schema for a custom pack and says how to get the pack's own", () => withTempDir(async (dir) => {
    const r = await runInProcess(["init", "a.yaml", "--pack", TRAITS_PACK], { cwd: dir });
    expect(r.code).toBe(0);
    expect(headerOf(join(dir, "a.yaml"))).toBe("# yaml-language-server: $schema=node_modules/rml-assess/schema/answers.schema.json");
    expect(r.stdout).toContain(`for completion of this pack's ids, run 'rml-assess schema --pack ${TRAITS_PACK} -o answers.schema.json' and name that file with --schema.`);
  }));

  it("names --schema as given: a URL as it is, a path relative to the file", () => withTempDir(async (dir) => {
    mkdirSync(join(dir, "ml"));
    expect((await runInProcess(["init", "ml/a.yaml", "--schema", "https://example.org/answers.schema.json"], { cwd: dir })).code).toBe(0);
    expect(headerOf(join(dir, "ml", "a.yaml"))).toBe("# yaml-language-server: $schema=https://example.org/answers.schema.json");
    expect((await runInProcess(["init", "ml/b.yaml", "--schema", "schemas/ours.json"], { cwd: dir })).code).toBe(0);
    expect(headerOf(join(dir, "ml", "b.yaml"))).toBe("# yaml-language-server: $schema=../schemas/ours.json");
    const bad = await runInProcess(["init", "ml/c.yaml", "--schema", "my schemas/x.json"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--schema 'my schemas\/x\.json' cannot stand in the yaml-language-server header/);
  }));
});

describe("init --upgrade and the header", () => {
  const OLD_HEADER = "# yaml-language-server: $schema=node_modules/rml-assess/schema/answers.schema.json";
  const body = "\r\nversion: 1   # kept\r\nproject:\r\n  name: Card fraud scoring\r\nanswers:\r\n  human-augmentation:\r\n    impact-of-errors: yes\r\n";

  it("points an old header at the pack's schema, keeping every other byte", () => withTempDir(async (dir) => {
    const file = join(dir, "a.yaml");
    writeFileSync(file, OLD_HEADER + body);
    const r = await runInProcess(["init", "--upgrade", "a.yaml"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Upgraded a\.yaml to responsible-ml \d+\.\d+\.\d+:\n {2}schema {4}node_modules\/rml-assess\/schema\/answers\.schema\.json -> node_modules\/rml-assess\/schema\/answers\/responsible-ml\.schema\.json\n/);
    const NEW_HEADER = "# yaml-language-server: $schema=node_modules/rml-assess/schema/answers/responsible-ml.schema.json";
    expect(readFileSync(file, "utf8")).toBe(NEW_HEADER + body);
    const again = await runInProcess(["init", "--upgrade", "a.yaml"], { cwd: dir });
    expect(again.stdout).toMatch(/^a\.yaml needs no change for responsible-ml \d+\.\d+\.\d+\./);
    expect(readFileSync(file, "utf8")).toBe(NEW_HEADER + body);
  }));

  it("keeps a header naming a URL or another schema, unless --schema says otherwise", () => withTempDir(async (dir) => {
    const file = join(dir, "a.yaml");
    const url = "# yaml-language-server: $schema=https://example.org/answers.schema.json";
    writeFileSync(file, url + body);
    expect((await runInProcess(["init", "--upgrade", "a.yaml"], { cwd: dir })).stdout).toMatch(/needs no change/);
    expect(readFileSync(file, "utf8")).toBe(url + body);
    const r = await runInProcess(["init", "--upgrade", "a.yaml", "--schema", "schemas/ours.json"], { cwd: dir });
    expect(r.stdout).toContain("  schema    https://example.org/answers.schema.json -> schemas/ours.json");
    expect(readFileSync(file, "utf8")).toBe("# yaml-language-server: $schema=schemas/ours.json" + body);
  }));

  it("repoints another pack's schema, and leaves a custom pack's generic header alone", () => withTempDir(async (dir) => {
    const file = join(dir, "a.yaml");
    writeFileSync(file, "# yaml-language-server: $schema=node_modules/rml-assess/schema/answers/mltrl.schema.json" + body);
    expect((await runInProcess(["init", "--upgrade", "a.yaml"], { cwd: dir })).code).toBe(0);
    expect(headerOf(file)).toBe("# yaml-language-server: $schema=node_modules/rml-assess/schema/answers/responsible-ml.schema.json\r");
    const custom = join(dir, "c.yaml");
    const text = `${OLD_HEADER}\nversion: 1\nproject:\n  name: X\nanswers:\n  alpha:\n    core-one: yes\n`;
    writeFileSync(custom, text);
    const r = await runInProcess(["init", "--upgrade", "c.yaml", "--pack", TRAITS_PACK], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(custom, "utf8")).toBe(text);
  }));

  it("adds a header to a file without one only when --schema is given", () => withTempDir(async (dir) => {
    const file = join(dir, "a.yaml");
    const text = body.slice(2);
    writeFileSync(file, text);
    expect((await runInProcess(["init", "--upgrade", "a.yaml"], { cwd: dir })).stdout).toMatch(/needs no change/);
    expect(readFileSync(file, "utf8")).toBe(text);
    const r = await runInProcess(["init", "--upgrade", "a.yaml", "--schema", "https://example.org/s.json"], { cwd: dir });
    expect(r.stdout).toContain("  schema    (no header) -> https://example.org/s.json");
    expect(readFileSync(file, "utf8")).toBe(`# yaml-language-server: $schema=https://example.org/s.json\r\n${text}`);
  }));
});
