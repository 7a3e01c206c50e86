import type { Crosswalk, FrameworkItem } from "./crosswalk.js";
import type { Project } from "./types.js";

const list = (xs: readonly string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} or ${xs.at(-1)}`);

/**
 * Why an item does not bind this system, from the project's markets, risk tier and role, or null
 * when it binds. Fails closed: a field the answers file leaves out never makes an item not
 * applicable (the item is scored as if it applied). Pure.
 */
export function scopeReasons(crosswalk: Pick<Crosswalk, "jurisdictions">, project: Project): (item: FrameworkItem) => string | null {
  const markets = crosswalk.jurisdictions ?? [];
  const listed = project.jurisdictions;
  const outside = markets.length && listed && !listed.some((j) => markets.includes(j))
    ? `the framework binds systems placed on the market, put into service or used in ${markets[0]!.toUpperCase()}; project.jurisdictions lists ${list(listed)}`
    : null;
  return (item) => {
    if (outside) return outside;
    const scope = item.scope;
    if (!scope) return null;
    if (scope.risk && project.risk && !scope.risk.includes(project.risk)) {
      return `applies to ${list(scope.risk)}-risk systems; project.risk is ${project.risk}`;
    }
    if (scope.role && project.role && project.role !== "both" && !scope.role.includes(project.role)) {
      return `applies to ${list(scope.role.map((r) => `${r}s`))}; project.role is ${project.role}`;
    }
    return null;
  };
}
