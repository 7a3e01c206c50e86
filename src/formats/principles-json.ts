import type { Pack } from "../core/types.js";

/** The checklist as JSON: the shape documented in docs/formats.md. */
export function principlesJson(pack: Pack): string {
  return `${JSON.stringify({
    id: pack.id, title: pack.title, version: pack.version,
    principles: pack.principles.map((p) => ({
      id: p.id, number: p.number, title: p.title, ...(p.commitment ? { commitment: p.commitment.text } : { phase: p.phase, summary: p.summary }), weight: p.weight,
      questions: p.questions.map((q) => ({ id: q.id, text: q.text, weight: q.weight, ...(q.appliesTo.length ? { appliesTo: q.appliesTo } : {}) })),
    })),
    ...(pack.traits.length ? { traits: pack.traits } : {}),
  }, null, 2)}\n`;
}
