import { describe, expect, it } from "vitest";
import { jsonAt } from "../../src/text/json.js";

/** The same text made the slow way: stringify, then indent every line after the first. */
const indentEach = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`);

describe("JSON placed at a depth in a document", () => {
  it("is indented as if every line had been indented, for any value and depth", () => {
    const values = [
      { file: "a.yaml", score: 71.5, weakest: null, principles: [{ id: "bias", questions: [{ id: "q1", answer: "yes" }], counts: {} }], findings: [] },
      ["x", { y: ["z", []] }],
      "text with\nline breaks and \"quotes\"",
      42,
      {},
      [],
    ];
    for (const value of values) for (let depth = 0; depth <= 5; depth++) expect(jsonAt(value, depth), `${JSON.stringify(value)} at ${depth}`).toBe(indentEach(value, depth));
  });
});
