import { UsageError } from "../errors.js";
import type { CheckFormat } from "./document.js";
import type { ActionsFormat, BadgeFormat, CrosswalkFormat, DiffFormat, EvidenceFormat, PackFormat, ProbeFormat, ReportFormat, SchemaFormat } from "./signatures.js";
import type { SummaryFormat } from "./summary.js";

export type * from "./signatures.js";

/** What a format of each command is (signatures.ts, document.ts and summary.ts say what it takes). */
export interface CommandFormats {
  check: CheckFormat;
  report: ReportFormat;
  principles: PackFormat;
  diff: DiffFormat;
  summary: SummaryFormat;
  crosswalk: CrosswalkFormat;
  badge: BadgeFormat;
  evidence: EvidenceFormat;
  schema: SchemaFormat;
  actions: ActionsFormat;
  probe: ProbeFormat;
}

/** One format: its module, loaded on use, and what `--help` says of it (when it says more than the name). */
interface Entry<F> {
  load: () => Promise<F>;
  help?: string;
}

type Registry = { [C in keyof CommandFormats]: Record<string, Entry<CommandFormats[C]>> };

/**
 * Every output of every command, by command and format name, in the order `--help` lists them.
 * The CLI's choices come from here; a command gets its format with `loadFormat`. Adding a format is
 * its module and its line here. Modules load on use, so a run reads only the format it writes.
 */
export const FORMATS: Registry = {
  check: {
    text: { load: async () => (await import("./text.js")).textFormat, help: "people" },
    json: { load: async () => (await import("./json.js")).jsonFormat },
    github: { load: async () => (await import("./github.js")).githubFormat, help: "workflow annotations, plus a summary when GITHUB_STEP_SUMMARY is set" },
    gitlab: { load: async () => (await import("./gitlab.js")).gitlabFormat, help: "GitLab Code Quality report" },
    junit: { load: async () => (await import("./junit.js")).junitFormat, help: "JUnit XML" },
    sarif: { load: async () => (await import("./sarif.js")).sarifFormat, help: "SARIF 2.1.0" },
  },
  report: {
    md: { load: async () => (await import("./report-md.js")).reportMarkdown },
    html: { load: async () => (await import("./report-html.js")).reportHtml },
  },
  principles: {
    text: { load: async () => (await import("./principles-text.js")).principlesText },
    json: { load: async () => (await import("./principles-json.js")).principlesJson },
    md: { load: async () => (await import("./principles-md.js")).principlesMarkdown },
  },
  diff: {
    text: { load: async () => { const { diffText } = await import("./diff-text.js"); return (d, context) => diffText(d, context.color); } },
    md: { load: async () => { const { diffMarkdown } = await import("./diff-md.js"); return (d) => diffMarkdown(d); } },
    json: { load: async () => (await import("./diff-json.js")).diffJson },
  },
  summary: {
    md: { load: async () => (await import("./summary-md.js")).summaryMarkdown },
    html: { load: async () => (await import("./summary-html.js")).summaryHtml },
    json: { load: async () => (await import("./summary-json.js")).summaryJson },
    csv: { load: async () => (await import("./summary-csv.js")).summaryCsv },
  },
  crosswalk: {
    text: { load: async () => { const { crosswalkText } = await import("./crosswalk-text.js"); return async (list, context) => crosswalkText(list, context.color); } },
    md: { load: async () => (await import("./crosswalk-md.js")).crosswalkMarkdown },
    html: { load: async () => (await import("./crosswalk-html.js")).crosswalkHtml },
    json: { load: async () => { const { crosswalkJson } = await import("./crosswalk-json.js"); return async (list) => crosswalkJson(list); } },
  },
  badge: {
    svg: { load: async () => (await import("./badge-svg.js")).badgeSvg },
    json: { load: async () => (await import("./badge-json.js")).badgeJson },
  },
  evidence: {
    text: { load: async () => (await import("./evidence-text.js")).evidenceText },
    json: { load: async () => (await import("./evidence-json.js")).evidenceJson },
  },
  schema: {
    json: { load: async () => (await import("./schema-json.js")).schemaJson },
  },
  actions: {
    text: { load: async () => { const { actionsText } = await import("./actions-text.js"); return (v, color) => actionsText(v.file, v.list, color); } },
    json: { load: async () => { const { actionsJson } = await import("./actions-json.js"); return (v) => actionsJson(v.list); } },
    github: { load: async () => { const { actionsGithub } = await import("./actions-github.js"); return (v) => actionsGithub(v.list); } },
    gitlab: { load: async () => { const { actionsGitlab } = await import("./actions-gitlab.js"); return (v) => actionsGitlab(v.list); } },
    "jira-csv": { load: async () => { const { actionsJiraCsv } = await import("./actions-jira-csv.js"); return (v) => actionsJiraCsv(v.list); } },
  },
  probe: {
    text: { load: async () => (await import("./probe-text.js")).probeText },
    md: { load: async () => (await import("./probe-md.js")).probeMarkdown },
    json: { load: async () => (await import("./probe-json.js")).probeJson },
  },
};

/** A command's format names, in the registry's order (commander's `.choices()`). */
export function formatNames(command: keyof CommandFormats): string[] {
  return Object.keys(FORMATS[command]);
}

/** "text (people), json, github (…)": a command's formats as its `--help` lists them. */
export function formatList(command: keyof CommandFormats): string {
  return Object.entries(FORMATS[command]).map(([name, entry]) => (entry.help ? `${name} (${entry.help})` : name)).join(", ");
}

/** A command's format by name, loaded; an unknown name is a usage error listing the known ones. */
export async function loadFormat<C extends keyof CommandFormats>(command: C, name: string): Promise<CommandFormats[C]> {
  const entry = (FORMATS[command] as Record<string, Entry<CommandFormats[C]>>)[name];
  if (!entry || !Object.hasOwn(FORMATS[command], name)) throw new UsageError(`unknown ${command} format '${name}'`, `use one of ${formatNames(command).join(", ")}`);
  return entry.load();
}
