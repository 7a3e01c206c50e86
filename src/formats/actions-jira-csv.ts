import { handleOf, titleText, type ActionList } from "../core/actions.js";
import { csvText } from "../text/csv.js";

/** Jira's longest summary. */
const JIRA_SUMMARY = 255;

/**
 * `actions --format jira-csv`: Jira's CSV import, one row per item with the columns Summary,
 * Description, Labels (repeated, one label each, as Jira imports several), Assignee and Due date
 * (YYYY-MM-DD). RFC 4180 with CRLF line ends; every cell goes through summary's formula-safe escaping.
 */
export function actionsJiraCsv(list: ActionList): string {
  const labelColumns = Math.max(1, ...list.items.map((i) => i.labels.length));
  const line = (cells: string[]) => `${cells.join(",")}\r\n`;
  const head = line(["Summary", "Description", ...Array<string>(labelColumns).fill("Labels"), "Assignee", "Due date"]);
  return head + list.items.map((i) => line([
    csvText(titleText(i.title, JIRA_SUMMARY)),
    csvText(i.body),
    ...Array.from({ length: labelColumns }, (_, n) => csvText(i.labels[n] ?? null)),
    csvText(handleOf(i.owner)),
    csvText(i.due),
  ])).join("");
}
