import type { ChalkInstance } from "chalk";
import type { Coverage } from "../core/crosswalk.js";
import type { AssessmentDiff } from "../core/diff.js";
import type { EvidenceCounts, EvidenceRow } from "../core/evidence.js";
import type { ProbeRow } from "../core/probes.js";
import type { ActionList } from "../core/actions.js";
import type { JsonSchema } from "../core/answers-schema.js";
import type { Assessment, Pack } from "../core/types.js";
import type { BadgeContent } from "./badge-content.js";
import type { Escape } from "./report/context.js";
import type { Precompiled } from "./report/builtin.js";

// What each command hands its formats, and what a format of that command is. The registry
// (index.ts) names the formats; these say what they take and give.

/** A `diff` format: the comparison of two assessments as one string. */
export type DiffFormat = (diff: AssessmentDiff, context: { color?: ChalkInstance }) => string;

/** What a `crosswalk` format receives besides the coverage: the assessment read, colour, and the page's making. */
export interface CrosswalkContext {
  assessment: Assessment;
  color?: ChalkInstance;
  meta: { toolName: string; toolVersion: string; generated: string };
}

/** A `crosswalk` format: one or more frameworks' coverage as one string (md and html load their templates on use). */
export type CrosswalkFormat = (list: Coverage[], context: CrosswalkContext) => Promise<string>;

/** How `principles` prints: with each question's guidance, red flag and recommendation (text), wrapped to `width`. */
export interface PackFormatOptions {
  verbose?: boolean;
  width?: number;
}

/** A `principles` format: the pack as one string. */
export type PackFormat = (pack: Pack, color: ChalkInstance, opts?: PackFormatOptions) => string;

/** A `badge` format: what the badge says, as an SVG image or shields.io's endpoint JSON. */
export type BadgeFormat = (content: BadgeContent) => string;

/** What `evidence` lists: every entry of one answers file with its status, and the counts. */
export interface EvidenceView {
  file: string;
  rows: EvidenceRow[];
  counts: EvidenceCounts;
}

/** An `evidence` format. */
export type EvidenceFormat = (view: EvidenceView, color: ChalkInstance) => string;

/** What `probe` shows: a pack's probes run over one repository, against an answers file when there is one. */
export interface ProbeView {
  /** The answers file as given; null when there is none. */
  file: string | null;
  pack: { id: string; version: string };
  /** The repository's root, as the user should see it. */
  root: string;
  /** How many files git lists in it. */
  files: number;
  /** False when a reading limit stopped a probe: a contradiction may then be wrong. */
  complete: boolean;
  rows: ProbeRow[];
  refused: { path: string; reason: string }[];
  /** With --apply: the evidence added to the answers file, per question. */
  added: { principle: string; question: string; refs: string[] }[] | null;
}

/** A `probe` format. */
export type ProbeFormat = (view: ProbeView, color: ChalkInstance) => string;

/** What `actions` lists: the open gaps of one answers file as tracker items. */
export interface ActionsView {
  file: string;
  list: ActionList;
}

/** An `actions` format: the items for people (text) or for a tracker's import (json, github, gitlab, jira-csv). */
export type ActionsFormat = (view: ActionsView, color: ChalkInstance) => string;

/** A `schema` format: a pack's answers schema for editors, built on the generic answers schema. */
export type SchemaFormat = (pack: Pack, generic: JsonSchema) => string;

/** A `report` format: its built-in templates (the report, and the TRL card of level packs) and its escaping. */
export interface ReportFormat {
  /** The built-in template, loaded on use (each is a file of its own in the build). */
  template: () => Promise<Precompiled>;
  /** The built-in TRL card template, for level packs. */
  card: () => Promise<Precompiled>;
  escape: Escape;
  /** Markdown strings arrive escaped in the context; HTML relies on Handlebars' own escaping. */
  noEscape: boolean;
}
