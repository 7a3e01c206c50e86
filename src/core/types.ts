/** The vocabulary of the tool, shared by every stage: pack → answers → assessment → findings. */

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
  commitment: Commitment;
  summary: string;
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
}

export interface Answer {
  answer: AnswerValue | null;
  notes: string;
  evidence: string[];
  /** Where this answer can be fixed: the answer's value, or its key when the value is empty. */
  position: Position;
}

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
  /** The pack's traits the system has; absent when the file does not say. */
  traits?: string[];
}

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
  /** Entries for questions the pack has retired, kept out of `answers`. */
  retired: RetiredAnswer[];
  /** Where each principle's key stands, and where `answers:` stands; for findings about a whole principle. */
  positions: {
    answers: Position;
    principles: Map<string, Position>;
    date: Position;
  };
}

export type QuestionStatus = AnswerValue | "unanswered";

export interface ScoredQuestion {
  question: Question;
  status: QuestionStatus;
  /** True when the file says n/a but gives no reason: scored as unanswered. */
  naWithoutReason: boolean;
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
}

export type Severity = "error" | "warning";

export type FindingCode =
  | "UNANSWERED"
  | "NA_WITHOUT_REASON"
  | "MISSING_EVIDENCE"
  | "BELOW_MIN_SCORE"
  | "PRINCIPLE_BELOW_MIN_SCORE"
  | "STALE"
  | "MISSING_DATE"
  | "SCORE_REGRESSION"
  | "ANSWER_REGRESSION"
  | "RETIRED_QUESTION"
  | "DOES_NOT_APPLY"
  | "FRAMEWORK_COVERAGE";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  message: string;
  principle: string | null;
  question: string | null;
  line: number;
  column: number;
}

/** What an assessment must meet to pass `check` (README "Policy keys" documents each). */
export interface Policy {
  minScore: number | null;
  minPrincipleScore: number | null;
  /** principle id → its own minimum, which replaces minPrincipleScore for that principle. */
  principleMinScores: Map<string, number>;
  allowUnanswered: boolean;
  /** A yes or partial must list evidence. */
  requireEvidence: boolean;
  /** The assessment's date may be at most this many days before today. */
  maxAgeDays: number | null;
  /** The answers file (or REF:PATH) scores must not fall below; null for none. */
  baseline: string | null;
  /** Answers that got worse than the baseline's are errors, not warnings. */
  noRegressions: boolean;
  /** Frameworks (crosswalk ids of the pack) whose coverage must reach minCoverage. */
  frameworks: string[];
  /** The share of a framework's mapped items that must be met, 0..100; null for no minimum. */
  minCoverage: number | null;
}

/** One answers file checked against a policy. */
export interface CheckResult {
  assessment: Assessment;
  findings: Finding[];
  passed: boolean;
}
