import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { colorFor, colorLevel, PLAIN } from "../../src/io/color.js";

describe("colour", () => {
  it("without colour, is chalk at level 0: text comes back unchanged", async () => {
    expect(PLAIN.level).toBe(0);
    expect(PLAIN.red.bold("x")).toBe("x");
    // What the formats call, as chalk at level 0 answers it, without chalk being loaded for it.
    const chalk = new Chalk({ level: 0 });
    for (const call of [(c: typeof chalk) => c.dim("a"), (c: typeof chalk) => c.bold.cyan("b", 2), (c: typeof chalk) => c.green(3), (c: typeof chalk) => c.red(undefined), (c: typeof chalk) => c.italic(), (c: typeof chalk) => c.yellow("x", "y", "z"), (c: typeof chalk) => c("plain", "text")]) {
      expect(call(PLAIN)).toBe(call(chalk));
    }
    // Not mistaken for a promise, so it can be returned from an async function.
    expect(await colorFor({ NO_COLOR: "1" }, () => true)).toBe(PLAIN);
  });

  it("follows NO_COLOR, then FORCE_COLOR, then whether the stream is a terminal", async () => {
    let asked = 0;
    const tty = () => (asked++, true);
    expect(colorLevel({ NO_COLOR: "1", FORCE_COLOR: "3" }, tty)).toBe(0);
    expect(colorLevel({ FORCE_COLOR: "2" }, tty)).toBe(2);
    expect(colorLevel({ FORCE_COLOR: "0" }, tty)).toBe(0);
    expect(colorLevel({ FORCE_COLOR: "yes" }, tty)).toBe(1);
    expect(asked).toBe(0);
    expect(colorLevel({}, tty)).toBe(1);
    expect(colorLevel({ TERM: "dumb" }, tty)).toBe(0);
    expect(colorLevel({}, () => false)).toBe(0);
    const colored = await colorFor({ FORCE_COLOR: "1" }, () => false);
    expect(colored.red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
