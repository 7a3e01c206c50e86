/** A component's level, as one answers file of a level pack gives it. */
export interface ComponentLevel {
  system: string;
  component: string;
  file: string;
  level: number;
}

/** A system's level: the lowest of its components' levels (MLTRL's rule), with the components. */
export interface SystemLevel {
  system: string;
  level: number;
  components: { component: string; file: string; level: number }[];
}

/** Groups components by system; systems and components sorted by name (code point), so output is deterministic. Pure. */
export function systemLevels(components: ComponentLevel[]): SystemLevel[] {
  const bySystem = new Map<string, ComponentLevel[]>();
  for (const c of components) bySystem.set(c.system, [...(bySystem.get(c.system) ?? []), c]);
  const order = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...bySystem.entries()].sort(([x], [y]) => order(x, y)).map(([system, list]) => ({
    system,
    level: Math.min(...list.map((c) => c.level)),
    components: list.map(({ component, file, level }) => ({ component, file, level })).sort((x, y) => order(x.component, y.component) || order(x.file, y.file)),
  }));
}
