/**
 * Advance widths of Verdana's printable ASCII characters (U+0020 to U+007E), in font units of its
 * 2048-unit em. shields.io measures badge text in Verdana at 11px, and so does this estimate; the
 * figures are Verdana's horizontal metrics as commonly published, which badge texts need only
 * approximately: the SVG also sets textLength, so a viewer's own font is fitted to the width.
 */
const ASCII_WIDTHS = [
  720, 806, 940, 1676, 1302, 2222, 1518, 550, 910, 910, 1302, 1676, 744, 862, 744, 910, // space to /
  1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, // 0 to 9
  910, 910, 1676, 1676, 1676, 1117, 2048, // : to @
  1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 862, 931, 1433, 1153, 1727, 1532, 1612, 1240, 1612, 1425, 1402, 1239, 1503, 1401, 2023, 1401, 1239, 1401, // A to Z
  910, 910, 910, 1676, 1302, 1302, // [ to `
  1230, 1271, 1066, 1271, 1220, 720, 1271, 1296, 562, 682, 1202, 562, 1996, 1296, 1250, 1271, 1271, 874, 1066, 807, 1296, 1202, 1679, 1202, 1202, 1046, // a to z
  1300, 910, 1300, 1676, // { to ~
];
const UNITS_PER_EM = 2048;
/** Characters outside the table: a digit's width, or a full em for wide scripts (CJK and beyond U+2E80). */
const NARROW = 1302;
const WIDE = 2048;

/** The estimated width in pixels of text set in Verdana at `size` px (11, as shields.io uses). */
export function verdanaWidth(text: string, size = 11): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 0x20 && code <= 0x7e ? ASCII_WIDTHS[code - 0x20]! : code >= 0x2e80 ? WIDE : NARROW;
  }
  return (units * size) / UNITS_PER_EM;
}
