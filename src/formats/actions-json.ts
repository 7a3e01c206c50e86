import type { ActionList } from "../core/actions.js";

/** `actions --format json`: the items as an array of the pinned shape (docs/formats.md), in order. */
export function actionsJson(list: ActionList): string {
  return `${JSON.stringify(list.items, null, 2)}\n`;
}
