import type { Assessment, Pack } from "../core/types.js";
import { BAND_COLORS, bandStep } from "../text/band-scale.js";

/** What a badge says: its two texts and its colour (by band; grey with no score). */
export interface BadgeContent {
  label: string;
  message: string;
  color: { name: string; hex: string };
}

/**
 * The badge's label when --label is not given: it names the pack, so an MLTRL badge never says
 * "responsible ML". The built-in principles are "responsible ML"; another pack goes by the
 * abbreviation its title ends with in parentheses ("... Levels (MLTRL)"), else by its id.
 */
export function packLabel(pack: Pack): string {
  if (pack.id === "responsible-ml") return "responsible ML";
  return /\(([^()]{1,24})\)\s*$/.exec(pack.title)?.[1]?.trim() || pack.id;
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
