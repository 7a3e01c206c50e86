import type { Pack } from "../core/types.js";

/** Steps of the colour scale from the lowest band to the highest, as shields.io names its colours. */
export const BAND_COLORS = [
  { name: "red", hex: "#e05d44" },
  { name: "orange", hex: "#fe7d37" },
  { name: "yellow", hex: "#dfb317" },
  { name: "yellowgreen", hex: "#a4a61d" },
  { name: "green", hex: "#97ca00" },
  { name: "brightgreen", hex: "#44cc11" },
] as const;

/**
 * Where a band falls on the six-step colour scale (0 lowest, 5 highest), whatever number of bands
 * the pack has: its lowest band is 0, its highest 5, the others spread between; -1 for no band.
 */
export function bandStep(pack: Pack, band: string | null): number {
  const i = band === null ? -1 : pack.bands.findIndex((b) => b.label === band);
  if (i < 0) return -1;
  const last = pack.bands.length - 1;
  return last === 0 ? BAND_COLORS.length - 1 : Math.round((i * (BAND_COLORS.length - 1)) / last);
}
