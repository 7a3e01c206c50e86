import type { ProbeView } from "./signatures.js";
import { jsonAt } from "../text/json.js";

/**
 * `probe --format json`: `{ file, pack, root, files, complete, questions, refused, added }`, each
 * question as `{ id, answer, line, column, found, contradictions }` (paths relative to the root).
 */
export function probeJson(view: ProbeView): string {
  const questions = view.rows.map((r) => ({ id: `${r.principle}/${r.question}`, answer: r.answer, line: r.line, column: r.column, found: r.found, contradictions: r.contradictions }));
  return `${jsonAt({ file: view.file, pack: view.pack, root: view.root, files: view.files, complete: view.complete, questions, refused: view.refused, added: view.added }, 0)}\n`;
}
