import type { Answer, Answers, AnswerValue, Pack } from "../../src/core/types.js";

type QuestionSpec = { id: string; weight?: number; appliesTo?: string[] };
type PrincipleSpec = { id: string; weight?: number; questions: QuestionSpec[] };

/** A small in-memory pack for pure tests; answer values and bands as in the built-in pack. */
export function makePack(principles: PrincipleSpec[], extra: Partial<Pick<Pack, "traits" | "retired">> = {}): Pack {
  return {
    id: "test-pack", title: "Test pack", version: "1.0.0", source: "", description: "", origin: "test", fingerprint: "0".repeat(64), scoring: "weighted",
    answerOptions: [
      { id: "yes", label: "Yes", description: "", value: 1 },
      { id: "partial", label: "Partially", description: "", value: 0.5 },
      { id: "no", label: "No", description: "", value: 0 },
      { id: "n/a", label: "Not applicable", description: "", value: null },
    ],
    traits: extra.traits ?? [], retired: extra.retired ?? [],
    bands: [{ min: 0, label: "Initial" }, { min: 25, label: "Developing" }, { min: 50, label: "Established" }, { min: 75, label: "Advanced" }, { min: 90, label: "Leading" }],
    principles: principles.map((p, i) => ({
      id: p.id, number: i + 1, title: `Principle ${p.id}`, summary: "", weight: p.weight ?? 1,
      commitment: { text: "I commit.", source: "" },
      questions: p.questions.map((q) => ({ id: q.id, text: `${q.id}?`, guidance: "g", redFlag: "r", recommendation: "do", evidence: "e", refs: ["T 1"], weight: q.weight ?? 1, appliesTo: q.appliesTo ?? [] })),
    })),
  };
}

type AnswerSpec = AnswerValue | null | { answer: AnswerValue | null; notes?: string; evidence?: string[] };

/** Answers for pure tests: principle → question → answer (or {answer, notes, evidence}). */
export function makeAnswers(spec: Record<string, Record<string, AnswerSpec>>): Answers {
  const answers = new Map<string, Map<string, Answer>>();
  let line = 10;
  for (const [p, qs] of Object.entries(spec)) {
    answers.set(p, new Map(Object.entries(qs).map(([q, a]) => {
      const value = a !== null && typeof a === "object" ? a : { answer: a, notes: "" };
      return [q, { answer: value.answer, notes: value.notes ?? "", evidence: value.evidence ?? [], evidenceEntries: (value.evidence ?? []).map((ref) => ({ ref, sha256: null, position: { line, column: 9 } })), action: null, position: { line: line++, column: 7 } }];
    })));
  }
  return {
    file: "test.yaml", version: 1, project: { name: "Test" }, assessors: [], date: "2026-11-20", pack: null, answers, retired: [], claimedLevel: null, history: [],
    status: "draft", signOff: [],
    positions: { answers: { line: 9, column: 1 }, principles: new Map(Object.keys(spec).map((p, i) => [p, { line: 9 + i, column: 3 }])), date: { line: 5, column: 7 }, status: { line: 1, column: 1 } },
  };
}
