import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { packDeclaration } from "../../src/commands/pack-option.js";
import { discoverAnswersFiles } from "../../src/io/discover.js";
import { withTempDir } from "../helpers/run.js";

const ANSWERS = "version: 1\nproject:\n  name: X\nanswers:\n";
// Comments of multi-byte characters, so that a head cut by bytes and one cut by characters differ.
const comments = (bytes: number) => "# élan ✓ naïve\n".repeat(Math.ceil(bytes / 19));

describe("a directory search's pack: lines", () => {
  it("are the lines the file's own head read gives, for every answers file it finds, so each head is read once", () => withTempDir((dir) => {
    const files: Record<string, string> = {
      "plain.yaml": `pack: mltrl\n${ANSWERS}`,
      "none.yaml": ANSWERS,
      "bom-quoted.yaml": `\uFEFF"pack": 'responsible-ml' # the default\r\n${ANSWERS}`,
      "late.yaml": `${ANSWERS}${comments(16_000)}pack: mltrl\n`,
      "far.yaml": `${ANSWERS}${comments(20_000)}pack: mltrl\n`,
      "long-head.yaml": `${comments(70_000)}${ANSWERS}pack: mltrl\n`,
      "sub/deep.yaml": `pack: mltrl\n${ANSWERS}`,
    };
    mkdirSync(join(dir, "answers", "sub"), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, "answers", name), text);
    writeFileSync(join(dir, "answers", "other.yaml"), "pack: mltrl\nnot: answers\n");
    const found = discoverAnswersFiles(["answers", "answers/plain.yaml"], dir);
    expect(found.files).toEqual(Object.keys(files).sort().map((name) => `answers/${name}`));
    for (const file of found.files) {
      expect(found.packs.has(file)).toBe(true);
      expect(found.packs.get(file)).toEqual(packDeclaration(join(dir, file)));
    }
    expect(found.packs.get("answers/plain.yaml")).toEqual({ id: "mltrl", at: { line: 1, column: 7 } });
    expect(found.packs.get("answers/none.yaml")).toBeNull();
    expect(found.packs.get("answers/far.yaml")).toBeNull();
    expect(found.packs.get("answers/long-head.yaml")).toBeNull();
    // A file named (not found by a search) is left to be read on its own.
    expect(discoverAnswersFiles(["answers/plain.yaml"], dir).packs.size).toBe(0);
  }));
});
