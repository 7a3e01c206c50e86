import { describe, expect, it } from "vitest";
import { radarChart, wrapLabel } from "../../src/formats/report/radar.js";

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
const scores = [90, 40, 90, 80, 44, 85, 75, 70];
const items = scores.map((score, i) => ({ label: `${i + 1}. Principle number ${i + 1}`, score }));

describe("radarChart", () => {
  it("draws one spoke per principle, evenly spaced clockwise from the top", () => {
    const chart = radarChart(items);
    expect(chart.axes).toHaveLength(8);
    const { center, radius } = chart;
    for (const [i, axis] of chart.axes.entries()) {
      expect(distance(axis.end, center)).toBeCloseTo(radius, 0);
      const angle = Math.atan2(axis.end.y - center.y, axis.end.x - center.x);
      const expected = -Math.PI / 2 + (2 * Math.PI * i) / 8;
      expect(Math.cos(angle)).toBeCloseTo(Math.cos(expected), 2);
      expect(Math.sin(angle)).toBeCloseTo(Math.sin(expected), 2);
    }
    expect(chart.axes[0]!.end).toEqual({ x: center.x, y: center.y - radius });
    expect(chart.axes[2]!.end).toEqual({ x: center.x + radius, y: center.y });
  });

  it("puts each vertex at a distance from the centre proportional to its score", () => {
    const chart = radarChart(items);
    for (const [i, axis] of chart.axes.entries()) {
      expect(distance(axis.vertex, chart.center) / chart.radius * 100).toBeCloseTo(scores[i]!, 0);
    }
    const polygon = chart.polygon.split(" ").map((p) => p.split(",").map(Number));
    expect(polygon).toEqual(chart.axes.map((a) => [a.vertex.x, a.vertex.y]));
  });

  it("draws a principle without a score at 0 and marks it", () => {
    const chart = radarChart([{ label: "A", score: 100 }, { label: "B", score: null }, { label: "C", score: 0 }]);
    const [a, b, c] = chart.axes;
    expect(a!.missing).toBe(false);
    expect(distance(a!.vertex, a!.end)).toBe(0);
    expect(b!.missing).toBe(true);
    expect(b!.vertex).toEqual(chart.center);
    expect(b!.lines.at(-1)).toMatchObject({ text: "no score", strong: true });
    expect(c!.missing).toBe(false);
    expect(c!.vertex).toEqual(chart.center);
    expect(c!.lines.at(-1)!.text).toBe("0");
  });

  it("draws rings at 25, 50, 75 and 100 through every spoke", () => {
    const chart = radarChart(items);
    expect(chart.rings.map((r) => r.value)).toEqual([25, 50, 75, 100]);
    const outer = chart.rings[3]!.points.split(" ").map((p) => p.split(",").map(Number));
    expect(outer).toEqual(chart.axes.map((a) => [a.end.x, a.end.y]));
  });

  it("places labels outside the chart and inside the picture, anchored away from the centre", () => {
    const chart = radarChart(items);
    const anchors = chart.axes.map((a) => a.anchor);
    expect(anchors).toEqual(["middle", "start", "start", "start", "middle", "end", "end", "end"]);
    for (const axis of chart.axes) {
      for (const line of axis.lines) {
        expect(distance(line, chart.center)).toBeGreaterThan(chart.radius);
        expect(line.y).toBeGreaterThan(0);
        expect(line.y).toBeLessThan(chart.height);
      }
      expect(axis.lines.at(-1)!.text).toBe(String(axis.score));
    }
  });

  it("wraps labels at spaces", () => {
    expect(wrapLabel("3. Explainability by justification")).toEqual(["3. Explainability", "by justification"]);
    expect(wrapLabel("1. Human augmentation", 40)).toEqual(["1. Human augmentation"]);
    expect(wrapLabel("Supercalifragilisticexpialidocious x", 10)).toEqual(["Supercalifragilisticexpialidocious", "x"]);
  });
});
