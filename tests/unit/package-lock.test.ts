import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "../helpers/run.js";

const read = (file: string) => JSON.parse(readFileSync(join(REPO, file), "utf8"));

/** npm rewrites a lock file whose root entry differs from package.json, dirtying a fresh clone's `npm install`. */
describe("package-lock.json", () => {
  it("records package.json's own entry as it is", () => {
    const pkg = read("package.json");
    const lock = read("package-lock.json");
    expect([lock.name, lock.version]).toEqual([pkg.name, pkg.version]);
    const root = lock.packages[""];
    for (const key of ["name", "version", "license", "bin", "engines", "dependencies", "devDependencies"]) expect(root[key], key).toEqual(pkg[key]);
  });

  it("locks every dependency package.json names", () => {
    const pkg = read("package.json");
    const lock = read("package-lock.json");
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) expect(lock.packages[`node_modules/${name}`], name).toBeDefined();
  });
});
