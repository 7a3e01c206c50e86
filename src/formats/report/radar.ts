/** One spoke of the radar chart: a principle's label and its 0..100 score (null when it has none). */
export interface RadarInput {
  label: string;
  score: number | null;
}

export interface Point {
  x: number;
  y: number;
}

export interface RadarLabelLine extends Point {
  text: string;
  /** The score line, drawn bold under the principle's name. */
  strong: boolean;
}

export interface RadarAxis {
  /** Where the spoke ends (score 100). */
  end: Point;
  /** Where the principle's score sits on the spoke; the centre for a principle with no score. */
  vertex: Point;
  score: number | null;
  /** True when the principle has no score: drawn at 0 and marked (dashed spoke, "no score"). */
  missing: boolean;
  anchor: "start" | "middle" | "end";
  lines: RadarLabelLine[];
}

export interface RadarRing {
  value: number;
  points: string;
  label: Point;
}

export interface RadarChart {
  width: number;
  height: number;
  center: Point;
  radius: number;
  axes: RadarAxis[];
  rings: RadarRing[];
  /** The score polygon, as an SVG `points` attribute. */
  polygon: string;
}

const RING_VALUES = [25, 50, 75, 100];
const LABEL_GAP = 14;
const LINE_HEIGHT = 17;
const MAX_LINE_CHARS = 18;
/** Room around the spokes for the labels: about 18 characters at the label's font size. */
const MARGIN_X = 165;
const MARGIN_Y = 76;

const round = (v: number) => Math.round(v * 10) / 10;
const pointsAttr = (ps: Point[]) => ps.map((p) => `${p.x},${p.y}`).join(" ");

/** Splits a label into lines of at most about MAX_LINE_CHARS characters, at spaces. */
export function wrapLabel(text: string, max = MAX_LINE_CHARS): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= max) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * The geometry of a radar (spider) chart, ready for an SVG template: one spoke per item, clockwise
 * from the top, the vertex of each at a distance from the centre proportional to its score.
 * Pure, so the chart is tested as numbers and every report draws it the same way.
 */
export function radarChart(items: RadarInput[], radius = 150): RadarChart {
  const width = 2 * (radius + LABEL_GAP + MARGIN_X);
  const height = 2 * (radius + LABEL_GAP + MARGIN_Y);
  const center = { x: width / 2, y: height / 2 };
  const at = (i: number, distance: number): Point => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / items.length;
    return { x: round(center.x + distance * Math.cos(angle)), y: round(center.y + distance * Math.sin(angle)) };
  };
  const axes = items.map((item, i): RadarAxis => {
    const missing = item.score === null;
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / items.length;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const anchor = cos > 0.3 ? "start" : cos < -0.3 ? "end" : "middle";
    const texts = [...wrapLabel(item.label), missing ? "no score" : String(item.score)];
    const blockHeight = texts.length * LINE_HEIGHT;
    const anchorPoint = at(i, radius + LABEL_GAP);
    const top = sin < -0.3 ? anchorPoint.y - blockHeight : sin > 0.3 ? anchorPoint.y : anchorPoint.y - blockHeight / 2;
    return {
      end: at(i, radius),
      vertex: at(i, missing ? 0 : (radius * Math.max(0, Math.min(100, item.score!))) / 100),
      score: item.score,
      missing,
      anchor,
      lines: texts.map((text, k) => ({ text, x: anchorPoint.x, y: round(top + (k + 0.8) * LINE_HEIGHT), strong: k === texts.length - 1 })),
    };
  });
  const rings = RING_VALUES.map((value) => ({
    value,
    points: pointsAttr(items.map((_, i) => at(i, (radius * value) / 100))),
    label: { x: round(center.x + 4), y: round(center.y - (radius * value) / 100 - 3) },
  }));
  return { width, height, center, radius, axes, rings, polygon: pointsAttr(axes.map((a) => a.vertex)) };
}
