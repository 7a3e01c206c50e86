// Writes N realistic answers files for the built-in pack into a directory, reproducibly (seeded).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";

/** A small deterministic PRNG (mulberry32), so every benchmark run checks the same files. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOTES = [
  "Reviewed with the product owner and the on-call lead; the decision record is linked below.",
  "Covered for the main model; the fallback rules engine is not yet included.",
  "Agreed at the quarterly model risk review, with actions tracked in the team's backlog.",
  "Partially automated; the remaining manual steps are listed in the runbook.",
];

/** One answers file as YAML text: mostly answered, some partial/no, a few gaps and n/a. */
export function answersFile(pack, index, rnd) {
  const answers = {};
  for (const p of pack.principles) {
    answers[p.id] = {};
    for (const q of p.questions) {
      const r = rnd();
      if (r < 0.03) continue; // unanswered
      const answer = r < 0.6 ? "yes" : r < 0.82 ? "partial" : r < 0.97 ? "no" : "n/a";
      answers[p.id][q.id] = rnd() < 0.3 && answer !== "n/a"
        ? answer
        : { answer, notes: NOTES[Math.floor(rnd() * NOTES.length)], evidence: [`docs/${p.id}/${q.id}.md`, `https://wiki.example.org/ml/${index}/${q.id}`] };
    }
  }
  return `# yaml-language-server: $schema=../schema/answers.schema.json\n${stringify({
    version: 1,
    project: { name: `Model ${index}`, owner: `Team ${index % 37}`, description: "A generated system for the benchmark." },
    assessors: [{ name: "A. Example", role: "ML engineer" }],
    date: "2026-11-20",
    pack: pack.id,
    answers,
  })}`;
}

/** Past this many, files repeat the answers of an earlier one under their own project name (generating is slow). */
const DISTINCT = 10_000;
const nameOf = (i) => `model-${String(i).padStart(5, "0")}.yaml`;

/** Generates `count` files named model-00001.yaml … in `dir`, from the built pack. */
export function generate(dir, count, packJson) {
  const pack = JSON.parse(readFileSync(packJson, "utf8"));
  mkdirSync(dir, { recursive: true });
  const rnd = random(20261123);
  for (let i = 1; i <= count; i++) {
    const text = i <= DISTINCT ? answersFile(pack, i, rnd) : readFileSync(join(dir, nameOf(((i - 1) % DISTINCT) + 1)), "utf8").replace(/name: Model \d+/, `name: Model ${i}`);
    writeFileSync(join(dir, nameOf(i)), text);
  }
}
