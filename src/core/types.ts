/** The vocabulary of the tool, shared by every stage: pack → answers → assessment (what is judged of it: verdict.ts). */

export type AnswerValue = "yes" | "partial" | "no" | "n/a";

/** A 1-based position in a source file. */
export interface Position {
  line: number;
  column: number;
}

export interface Question {
  id: string;
  text: string;
  guidance: string;
  redFlag: string;
  recommendation: string;
  evidence: string;
  refs: string[];
  weight: number;
  /** Trait ids this question applies to; empty when it applies to every system. */
  appliesTo: string[];
  /** Level packs: traits for which n/a passes this question's gate check (with its section's); empty: n/a never passes. */
  naAllowedFor?: string[];
  /** Repository probes (docs/probes.md); absent when the question has none. */
  probes?: Probe[];
}

/** A repository probe of a question: file globs, literal text to look for, what a match suggests or its absence contradicts. */
export interface Probe {
  what: string;
  files: string[];
  /** Literal strings, matched case-insensitively; a file matches when it holds any. Empty: the name is enough. */
  contains: string[];
  suggests: boolean;
  contradictsYes: boolean;
}

/** What a system may be (e.g. generative-ai); questions may apply only to some traits. */
export interface Trait {
  id: string;
  description: string;
}

/** A question of an earlier pack version: `principle/question` ids, and where it went. */
export interface RetiredQuestion {
  id: string;
  replacedBy: string[];
  note: string;
}

export interface Commitment {
  text: string;
  source: string;
}

export interface Principle {
  id: string;
  number: number;
  title: string;
  /** Absent for a level of a level pack, which states its purpose in its summary. */
  commitment?: Commitment;
  summary: string;
  /** Level packs only: the phase the level belongs to (e.g. prototyping). */
  phase?: string;
  /** Level packs: traits for which n/a passes any check of this gate (questions may add their own). */
  naAllowedFor?: string[];
  weight: number;
  questions: Question[];
}

export interface AnswerOption {
  id: AnswerValue;
  label: string;
  description: string;
  /** Points for yes/partial/no; null for n/a, which is left out of the score. */
  value: number | null;
}

export interface Band {
  min: number;
  label: string;
}

export interface Pack {
  id: string;
  title: string;
  version: string;
  source: string;
  description: string;
  principles: Principle[];
  answerOptions: AnswerOption[];
  bands: Band[];
  traits: Trait[];
  retired: RetiredQuestion[];
  /** sha256 over the pack's files, recomputable with `sha256sum FILES | sha256sum` (see README). */
  fingerprint: string;
  /** Where the pack came from: "built-in" or the directory given with --pack. */
  origin: string;
  /** weighted: principle and overall scores; levels: numbered gates, and the level reached. */
  scoring: "weighted" | "levels";
  /** Level packs: what the TRL card shows under each topic, by `level/question` id (pack.yaml's card-topics). */
  cardTopics?: CardTopic[];
}

/** A topic of the TRL card and the questions whose answers, notes and evidence fill it. */
export interface CardTopic {
  title: string;
  questions: string[];
}

export interface Answer {
  answer: AnswerValue | null;
  notes: string;
  /** The evidence's paths and URLs, as written (pinned or not). */
  evidence: string[];
  /** Each evidence entry with its pin and where it stands, in the order of `evidence`. */
  evidenceEntries: EvidenceEntry[];
  /** What the team will do about this answer, when the file says. */
  action: Action | null;
  /** Where this answer can be fixed: the answer's value, or its key when the value is empty. */
  position: Position;
}

/** One evidence entry: a path (relative to the answers file's directory) or a URL, maybe pinned. */
export interface EvidenceEntry {
  ref: string;
  /** The sha256 recorded by `evidence --pin` (lowercase hex), or null when not pinned. */
  sha256: string | null;
  /** Where the entry's path or URL stands. */
  position: Position;
}

/** An answer's action: who closes the gap, by when, and where it is tracked. */
export interface Action {
  owner: string;
  /** YYYY-MM-DD, or null when not given. */
  due: string | null;
  ticket: string;
  /** Where `due` stands (the action's key when there is no due date). */
  position: Position;
}

/** One person's sign-off of the assessment. */
export interface SignOff {
  name: string;
  role: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Where the entry's date stands. */
  position: Position;
}

/** Whether an assessment is still being filled in or has been declared done. */
export type AssessmentStatus = "draft" | "final";

export interface Assessor {
  name: string;
  role: string;
}

export interface Project {
  name: string;
  owner?: string;
  description?: string;
  repository?: string;
  /** What the system is for and what it must not be used for. */
  intendedUse?: string;
  /** The EU AI Act's risk level. */
  risk?: "minimal" | "limited" | "high";
  /** The EU AI Act's operator role: who places the system on the market (provider), uses it (deployer), or both. */
  role?: "provider" | "deployer" | "both";
  /** Where the system is placed on the market, put into service or its output used: lower-case codes (eu, a member state, uk, us, …). */
  jurisdictions?: string[];
  /** The pack's traits the system has; absent when the file does not say. */
  traits?: string[];
  /** The larger system this project is a component of (level packs: a system's level is its lowest component's). */
  system?: string;
  /** This project's name as a component of `system`. */
  component?: string;
}

/** A step on a level pack's path: a level reached, or work sent back to an earlier one. */
export interface HistoryEntry {
  level: number;
  date: string;
  kind: "advance" | "switchback";
  /** MLTRL's kinds of switchback (article Fig. 3): discovery (unplanned), embedded (predefined), review (sent back by a gate); absent when not recorded. */
  switchback?: SwitchbackKind;
  note: string;
}

export type SwitchbackKind = "discovery" | "embedded" | "review";

/** An answer, in the file, to a question the pack has retired. */
export interface RetiredAnswer {
  retired: RetiredQuestion;
  /** What the file says for it (an empty answer when it only has the key). */
  answer: Answer;
  /** Where its key stands. */
  position: Position;
}

/** A parsed, validated answers file. Positions point back into its text. */
export interface Answers {
  file: string;
  version: 1;
  project: Project;
  assessors: Assessor[];
  date: string | null;
  pack: string | null;
  /** principle id → question id → answer. Only what the file holds. */
  answers: Map<string, Map<string, Answer>>;
  /** `status:`, draft when the file does not say. */
  status: AssessmentStatus;
  /** `sign-off:` entries, in file order. */
  signOff: SignOff[];
  /** Entries for questions the pack has retired, kept out of `answers`. */
  retired: RetiredAnswer[];
  /** Level packs: the level the file claims (`claimed-level`), or null. */
  claimedLevel: number | null;
  /** Level packs: the path through the levels (`history`), oldest first as written. */
  history: HistoryEntry[];
  /** Where each principle's key stands, and where `answers:` stands; for findings about a whole principle. */
  positions: {
    answers: Position;
    principles: Map<string, Position>;
    date: Position;
    /** `status:` (its value, else its key, else the top of the file). */
    status: Position;
    /** `project:` and `pack:` (their keys; the top of the file when absent), for findings about the metadata. */
    project?: Position;
    pack?: Position;
  };
}

export type QuestionStatus = AnswerValue | "unanswered";

export interface ScoredQuestion {
  question: Question;
  status: QuestionStatus;
  /** True when the file says n/a but gives no reason: scored as unanswered. */
  naWithoutReason: boolean;
  /** Level packs: n/a (with a reason) where the pack does not allow n/a for this system's traits; the gate check stays open. */
  naNotAllowed?: boolean;
  answer: Answer | undefined;
  /** Points earned (0..1); null when left out of the score (n/a with a reason). */
  value: number | null;
}

export interface Counts {
  yes: number;
  partial: number;
  no: number;
  na: number;
  unanswered: number;
}

export interface ScoredPrinciple {
  principle: Principle;
  /** Unrounded 0..100, or null when every question is n/a. */
  exact: number | null;
  score: number | null;
  band: string | null;
  counts: Counts;
  /** The questions that apply to the system; only these are counted and scored. */
  questions: ScoredQuestion[];
  /** Questions whose traits the system does not have, with any answer the file gives them anyway. */
  notApplying: { question: Question; answer: Answer | undefined }[];
}

export interface Assessment {
  pack: Pack;
  answers: Answers;
  principles: ScoredPrinciple[];
  exact: number | null;
  score: number | null;
  band: string | null;
  weakest: { principle: Principle; score: number } | null;
  /** Level packs only: the level reached and its gates. */
  levels?: LevelResult;
}

/** One gate of a level pack: the section holding the criteria to leave its level. */
export interface Gate {
  section: ScoredPrinciple;
  passed: boolean;
  /** Applying questions not yet yes, nor n/a with notes where the pack allows n/a. */
  open: ScoredQuestion[];
  /** Applying questions (the gate's checks): open ones count against it. */
  checks: number;
}

/** How far a level pack's gates carry an answers file. */
export interface LevelResult {
  /** The number of consecutive gates passed from gate 0, at most the highest level, capped by a final switchback. */
  level: number;
  /** The level the gates alone reach, before a final switchback caps it. */
  gatesReach: number;
  /** The last history entry, when it is a switchback to a level below what the gates reach. */
  cappedBy: HistoryEntry | null;
  /** At the top level: whether its ongoing checks all pass (the top level is sustained); false below it. */
  sustained: boolean;
  /** The highest level of the pack (its last section's number). */
  top: number;
  /** The section of the level reached: its name and phase. */
  current: Principle;
  /** The gate to leave the level reached (at the top level, its ongoing checks). */
  next: Gate;
  gates: Gate[];
}

