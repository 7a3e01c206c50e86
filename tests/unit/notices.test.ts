import { describe, expect, it } from "vitest";
// @ts-expect-error: the build's scripts are plain JavaScript
import { bundledPackageDirs, packageDirOf } from "../../scripts/notices.mjs";

describe("the packages the notices list (scripts/notices.mjs)", () => {
  it("names the package of an esbuild input, scoped, nested or not", () => {
    expect(packageDirOf("node_modules/yaml/dist/log.js")).toBe("node_modules/yaml");
    expect(packageDirOf("node_modules/@inquirer/core/dist/commonjs/index.js")).toBe("node_modules/@inquirer/core");
    expect(packageDirOf("node_modules/@inquirer/core/node_modules/wrap-ansi/index.js")).toBe("node_modules/@inquirer/core/node_modules/wrap-ansi");
    expect(packageDirOf("src/cli.ts")).toBeNull();
    expect(packageDirOf("lazy-builtin:child_process")).toBeNull();
  });

  it("lists each package once, sorted, from every build's inputs", () => {
    const metafiles = [
      { inputs: { "src/run.ts": {}, "node_modules/yaml/dist/a.js": {}, "node_modules/commander/index.js": {} } },
      { inputs: { "node_modules/yaml/dist/b.js": {}, "src/generated/pack.js": {}, "node_modules/ajv/dist/runtime/equal.js": {} } },
    ];
    expect(bundledPackageDirs(metafiles)).toEqual(["node_modules/ajv", "node_modules/commander", "node_modules/yaml"]);
  });
});
