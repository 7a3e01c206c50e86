import type { Assessment } from "../core/types.js";
import { BAND_COLORS, bandStep } from "../text/band-scale.js";
import { verdanaWidth } from "./verdana.js";
import { xmlAttr, xmlText } from "../text/xml.js";

/** What a badge says: its two texts and its colour (by band; grey with no score). */
export interface BadgeContent {
  label: string;
  message: string;
  color: { name: string; hex: string };
}

const NO_SCORE = { name: "lightgrey", hex: "#9f9f9f" };

/** The badge of an assessment: "72 Established" coloured by its band on the six-step scale. */
export function badgeContent(a: Assessment, label: string): BadgeContent {
  // A level pack (MLTRL) shows the readiness level reached, coloured along the same scale.
  if (a.levels) {
    const { level, top, sustained } = a.levels;
    // The top level's ongoing checks decide whether it is sustained; the badge never claims it when they are open.
    return { label, message: `level ${level} of ${top}${level === top && !sustained ? " (not sustained)" : ""}`, color: BAND_COLORS[top ? Math.round((level * (BAND_COLORS.length - 1)) / top) : 0]! };
  }
  if (a.score === null) return { label, message: "not scored", color: NO_SCORE };
  const step = bandStep(a.pack, a.band);
  return { label, message: `${a.score} ${a.band ?? ""}`.trim(), color: step < 0 ? NO_SCORE : BAND_COLORS[step]! };
}

/** shields.io's endpoint schema, for teams that serve their badge through shields.io. */
export function badgeJson(b: BadgeContent): string {
  return `${JSON.stringify({ schemaVersion: 1, label: b.label, message: b.message, color: b.color.name }, null, 2)}\n`;
}

const PADDING = 5;

/** One side's text at shields' 10× scale: a shadow, then the text, both fitted to the measured width. */
function text(content: string, centre: number, width: number): string {
  const attrs = `x="${Math.round(centre * 10)}" transform="scale(.1)" textLength="${Math.round(width * 10)}"`;
  return `<text aria-hidden="true" ${attrs} y="150" fill="#010101" fill-opacity=".3">${xmlText(content)}</text><text ${attrs} y="140">${xmlText(content)}</text>`;
}

/**
 * A flat badge in the layout shields.io draws: grey label, coloured message, 20px high, text widths
 * estimated in Verdana 11px (src/formats/verdana.ts). Self-contained (no external reference), with
 * role="img", a <title> and an aria-label saying both texts; user text is escaped for XML.
 */
export function badgeSvg(b: BadgeContent): string {
  const labelText = verdanaWidth(b.label);
  const messageText = verdanaWidth(b.message);
  const left = Math.ceil(labelText) + 2 * PADDING;
  const right = Math.ceil(messageText) + 2 * PADDING;
  const width = left + right;
  const said = `${b.label}: ${b.message}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${xmlAttr(said)}">`,
    `<title>${xmlText(said)}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#555"/><rect x="${left}" width="${right}" height="20" fill="${b.color.hex}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">`,
    text(b.label, left / 2, labelText),
    text(b.message, left + right / 2, messageText),
    "</g></svg>\n",
  ].join("");
}
