import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The house rules of docs/architecture.md, read off the import lines of src/: data flows one way,
// entry → commands → interview/bulk/evidence/actions → formats → text → load → io → core, so a stage
// never imports one above it; no registered output format imports another; no import cycles.

const SRC = resolve(import.meta.dirname, "../../src");

/** The stage of a module (lower imports higher, never the reverse), by its path under src/. */
export function stageOf(path: string): number {
  const [top, ...rest] = path.split("/");
  if (!rest.length) {
    if (["cli.ts", "cli-args.ts", "main.ts", "run.ts"].includes(top!)) return 0;
    if (top === "prompt.ts") return 2;
    return 9; // errors.ts, paths.ts, version.ts: leaves anything may use
  }
  const stages: Record<string, number> = { commands: 1, interview: 2, bulk: 2, evidence: 2, actions: 2, formats: 3, text: 4, load: 5, io: 6, core: 7, generated: 9 };
  const stage = stages[top!];
  if (stage === undefined) throw new Error(`src/${top}/ has no stage: add it to docs/architecture.md and this test`);
  return stage;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** A module's imports of other src/ modules (values only: `import type` is erased), as paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;
  for (const m of text.matchAll(pattern)) {
    if (m[2]) continue;
    const spec = m[3] ?? m[4]!;
    const target = relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, ".ts");
    if (!target.startsWith("..")) found.push(target);
  }
  return found;
}

const files = sources(SRC).filter((f) => !relative(SRC, f).startsWith("generated"));
const graph = new Map(files.map((f) => [relative(SRC, f), importsOf(f)]));

describe("the one-way flow of src/", () => {
  it("never imports a module of a stage above the importer's", () => {
    const upward: string[] = [];
    for (const [from, targets] of graph) {
      for (const to of targets) if (stageOf(to) < stageOf(from)) upward.push(`${from} -> ${to}`);
    }
    expect(upward).toEqual([]);
  });

  it("has no import cycles", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === "done") return;
      if (state.get(node) === "open") {
        cycles.push([...path.slice(path.indexOf(node)), node].join(" -> "));
        return;
      }
      state.set(node, "open");
      for (const next of graph.get(node) ?? []) if (graph.has(next)) visit(next, [...path, node]);
      state.set(node, "done");
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });

  it("keeps every output format in one registry, and no format imports another", () => {
    const registry = readFileSync(join(SRC, "formats/index.ts"), "utf8");
    const registered = new Set([...registry.matchAll(/import\(\s*"(\.\/[^"]+)"\s*\)/g)].map((m) => relative(SRC, resolve(SRC, "formats", m[1]!)).replace(/\.js$/, ".ts")));
    expect(registered.size).toBeGreaterThan(20);
    const crossing: string[] = [];
    for (const format of registered) {
      for (const to of graph.get(format) ?? []) if (registered.has(to)) crossing.push(`${format} -> ${to}`);
    }
    expect(crossing).toEqual([]);
    // Nothing outside the registry picks a format module by itself.
    const around: string[] = [];
    for (const [from, targets] of graph) {
      if (from === "formats/index.ts" || registered.has(from)) continue;
      for (const to of targets) if (registered.has(to)) around.push(`${from} -> ${to}`);
    }
    expect(around).toEqual([]);
  });

  it("reports an upward import when one is written", () => {
    // The rule itself: a core module importing a format would be caught.
    expect(stageOf("core/score.ts")).toBeGreaterThan(stageOf("formats/text.ts"));
    expect(stageOf("load/pack.ts")).toBeGreaterThan(stageOf("bulk/many.ts"));
    expect(() => stageOf("somewhere/new.ts")).toThrow(/no stage/);
  });
});
