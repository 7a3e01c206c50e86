// Times `rml-assess check` on hostile inputs of up to 5 MB and reports wall time and peak memory.
// Run after `npm run build`: node bench/hostile-input.js
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../", import.meta.url));
const HEAD = "version: 1\nproject:\n  name: Fraud scoring\n";
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join("");

const cases = {
  "example (credit-scoring.yaml)": () => readFileSync(join(REPO, "examples", "credit-scoring.yaml")),
  "100,000 nested [ ]": () => `${HEAD}answers: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
  "2,000 levels of block indentation": () => `${HEAD}answers:\n${lines(2000, (i) => `${" ".repeat(i + 2)}k${i}:\n`)}`,
  "500,000 nested {": () => `${HEAD}answers: ${"{a: ".repeat(500_000)}\n`,
  "flow list of 2.5 million items (5 MB)": () => `${HEAD}answers: [${"a,".repeat(2_500_000)}]\n`,
  "500,000 keys in one mapping (5 MB)": () => `${HEAD}answers:\n${lines(500_000, (i) => `  k${i}: v\n`).slice(0, 4_900_000)}`,
  "1,000,000 aliases (5 MB)": () => `${HEAD}answers: {}\na: &a x\nb:\n${"- *a\n".repeat(1_000_000)}`,
  "800,000 lines of ': : :' (5 MB)": () => `${HEAD}answers:\n${": : :\n".repeat(800_000)}`,
  "billion laughs (9 levels of 9 aliases)": () => `${HEAD}answers: {}\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${lines(8, (i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(", ")}]\n`)}`,
  "a 5 MB string": () => `${HEAD}answers: {}\nnotes: "${"x".repeat(5_000_000)}"\n`,
  "a 1 MB key": () => `${HEAD}answers:\n  ? ${"k".repeat(1_000_000)}\n  : {}\n`,
  "6 MB (over the limit)": () => `${HEAD}notes: "${"x".repeat(6_000_000)}"\n`,
};

/** Runs the launcher in a fresh process, which reports its own peak memory at exit. */
const runner = `
process.on("exit", () => process.stderr.write("\\nmax-rss " + Math.round(process.resourceUsage().maxRSS / 1024) + "\\n"));
process.argv.splice(1, 0, "rml-assess");
await import("./bin/rml-assess.cjs");
`;

const dir = mkdtempSync(join(tmpdir(), "rml-assess-bench-"));
try {
  console.log("| input | size | exit | time | peak memory | first line |\n| --- | --- | --- | --- | --- | --- |");
  for (const [name, make] of Object.entries(cases)) {
    const file = join(dir, "answers.yaml");
    const content = make();
    writeFileSync(file, content);
    const start = performance.now();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", runner, "check", file], { cwd: REPO, encoding: "utf8", timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
    const ms = Math.round(performance.now() - start);
    const rss = /max-rss (\d+)/.exec(r.stderr ?? "")?.[1] ?? "?";
    const out = { code: r.status, first: r.stderr?.startsWith("\nmax-rss") ? "" : (r.stderr ?? String(r.error)).split("\n")[0], maxRssMB: rss };
    const size = `${(Buffer.byteLength(content) / 1024 / 1024).toFixed(1)} MB`;
    const first = (out.first || "—").replace(file, "answers.yaml").slice(0, 90).replace(/\|/g, "\\|");
    console.log(`| ${name} | ${size} | ${out.code} | ${ms} ms | ${out.maxRssMB} MB | ${first} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
