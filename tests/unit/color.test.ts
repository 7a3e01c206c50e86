import { Chalk, backgroundColorNames, foregroundColorNames, modifierNames, type ChalkInstance } from "chalk";
import { describe, expect, it } from "vitest";
import { colorFor, colorLevel, PLAIN, STYLE_NAMES } from "../../src/io/color.js";

const chalk0 = new Chalk({ level: 0 });
const ARGS: unknown[][] = [["text"], ["two", "words"], [42], [], [""], ["line\nbreak"], [null], [undefined, "x"]];

describe("colour", () => {
  it("knows every style chalk has", () => {
    expect([...STYLE_NAMES].sort()).toEqual([...modifierNames, ...foregroundColorNames, ...backgroundColorNames].sort());
  });

  it("without colour gives what chalk gives at level 0, for every style, chained or made from a colour", () => {
    const style = (c: ChalkInstance, name: string) => (c as unknown as Record<string, ChalkInstance>)[name]!;
    for (const name of STYLE_NAMES) {
      for (const args of ARGS) {
        expect(style(PLAIN, name)(...args), name).toBe(style(chalk0, name)(...args));
        expect(style(style(PLAIN, name), "bold")(...args), `${name}.bold`).toBe(style(style(chalk0, name), "bold")(...args));
      }
    }
    expect(PLAIN.hex("#ff0000").bold("x")).toBe(chalk0.hex("#ff0000").bold("x"));
    expect(PLAIN.bgRgb(1, 2, 3)("x")).toBe(chalk0.bgRgb(1, 2, 3)("x"));
    expect(PLAIN("called", "directly")).toBe(chalk0("called", "directly"));
    expect(PLAIN.level).toBe(0);
  });

  it("is not mistaken for a promise, so it can be returned from an async function", async () => {
    expect((PLAIN as unknown as { then?: unknown }).then).toBeUndefined();
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
