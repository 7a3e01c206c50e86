import type { ChalkInstance } from "chalk";
import type { ActionList } from "../core/actions.js";
import { terminalSafe } from "../io/terminal.js";

/** `actions` for people: each item's id, answer, labels and title, with its owner, due date and ticket. */
export function actionsText(file: string, list: ActionList, c: ChalkInstance): string {
  const lines: string[] = [];
  list.items.forEach((i, n) => {
    lines.push(`${String(n + 1).padStart(3)}. ${c.bold(i.id)}  ${i.answer}  ${c.dim(i.labels.join(" "))}`);
    lines.push(`     ${terminalSafe(i.title)}`);
    const who = [i.owner ? `owner: ${terminalSafe(i.owner)}` : "", i.due ? `due: ${i.due}` : "", i.ticket ? `ticket: ${terminalSafe(i.ticket)}` : ""].filter(Boolean);
    if (who.length) lines.push(`     ${c.dim(who.join("  "))}`);
  });
  const count = `${list.items.length} gap${list.items.length === 1 ? "" : "s"} to track in ${terminalSafe(file)}`;
  const tracked = list.tracked ? `; ${list.tracked} already tracked by a ticket, left out (--all lists them)` : "";
  lines.push(`${count}${tracked}.`);
  return `${lines.join("\n")}\n`;
}
