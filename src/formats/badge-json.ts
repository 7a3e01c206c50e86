import type { BadgeContent } from "./badge-content.js";

/** shields.io's endpoint schema, for teams that serve their badge through shields.io. */
export function badgeJson(b: BadgeContent): string {
  return `${JSON.stringify({ schemaVersion: 1, label: b.label, message: b.message, color: b.color.name }, null, 2)}\n`;
}
