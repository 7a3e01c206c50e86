import { describe, expect, it } from "vitest";
import { addSchemaHeader, isOwnAnswersSchema, schemaHeader, withSchemaHeader } from "../../src/interview/schema-header.js";

describe("the yaml-language-server header of an answers file", () => {
  it("is found among the leading comments only, with or without a byte-order mark", () => {
    expect(schemaHeader("# yaml-language-server: $schema=a.json\nversion: 1\n")?.ref).toBe("a.json");
    expect(schemaHeader("\ufeff# note\n\n#yaml-language-server:  $schema=b.json\r\nversion: 1\r\n")?.ref).toBe("b.json");
    expect(schemaHeader("version: 1\n# yaml-language-server: $schema=a.json\n")).toBeUndefined();
    expect(schemaHeader("# rml-assess answers file\nversion: 1\n")).toBeUndefined();
  });

  it("changes only the reference's characters", () => {
    const text = "\ufeff# yaml-language-server: $schema=../schema/answers.schema.json   \r\n# more\r\nversion: 1\r\n";
    expect(withSchemaHeader(text, "../schema/answers/mltrl.schema.json")).toEqual({
      text: "\ufeff# yaml-language-server: $schema=../schema/answers/mltrl.schema.json   \r\n# more\r\nversion: 1\r\n",
      from: "../schema/answers.schema.json",
    });
    expect(withSchemaHeader(text, "../schema/answers.schema.json")).toBeUndefined();
    expect(withSchemaHeader("version: 1\n", "x.json")).toBeUndefined();
  });

  it("is added first, after a byte-order mark, in the file's line endings", () => {
    expect(addSchemaHeader("version: 1\n", "a.json")).toBe("# yaml-language-server: $schema=a.json\nversion: 1\n");
    expect(addSchemaHeader("\ufeff# note\r\nversion: 1\r\n", "a.json")).toBe("\ufeff# yaml-language-server: $schema=a.json\r\n# note\r\nversion: 1\r\n");
    expect(schemaHeader(addSchemaHeader("# note\nversion: 1\n", "b.json"))?.ref).toBe("b.json");
  });

  it("counts as rml-assess's own only a path to the generic schema or a pack's schema", () => {
    expect(isOwnAnswersSchema("node_modules/rml-assess/schema/answers.schema.json")).toBe(true);
    expect(isOwnAnswersSchema("../schema/answers/mltrl.schema.json")).toBe(true);
    expect(isOwnAnswersSchema("schema/answers.schema.json")).toBe(true);
    expect(isOwnAnswersSchema("https://rml-assess.dev/schema/answers.schema.json")).toBe(false);
    expect(isOwnAnswersSchema("schemas/ours.json")).toBe(false);
    expect(isOwnAnswersSchema("my-schema/answers.schema.json")).toBe(false);
  });
});
