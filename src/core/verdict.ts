/** What `check` judges of an assessment: the findings, the policy they are found by, a file's result. */
import type { EvidenceCounts } from "./evidence.js";
import type { SignedOff } from "./sign-off.js";
import type { Assessment } from "./types.js";

/** A note informs and never fails a check (BASELINE_MISSING). */
export type Severity = "error" | "warning" | "note";

export type FindingCode =
  | "UNANSWERED"
  | "NA_WITHOUT_REASON"
  | "NA_NOT_ALLOWED"
  | "PARTIAL_WITHOUT_NOTE"
  | "MISSING_EVIDENCE"
  | "BELOW_MIN_SCORE"
  | "PRINCIPLE_BELOW_MIN_SCORE"
  | "STALE"
  | "MISSING_DATE"
  | "SCORE_REGRESSION"
  | "ANSWER_REGRESSION"
  | "RETIRED_QUESTION"
  | "DOES_NOT_APPLY"
  | "LEVEL_NOT_MET"
  | "BELOW_MIN_LEVEL"
  | "FRAMEWORK_COVERAGE"
  | "EVIDENCE_NOT_FOUND"
  | "EVIDENCE_INVALID"
  | "EVIDENCE_CHANGED"
  | "MISSING_SIGNOFF"
  | "SIGNOFF_STALE"
  | "ACTION_OVERDUE"
  | "PACK_MISMATCH"
  | "METADATA_REGRESSION"
  | "SIGNOFF_UNVERIFIED"
  | "BASELINE_MISSING"
  | "PROBE_CONTRADICTS";

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
  /** A partial answer without notes is an error, not a warning. */
  requirePartialNotes: boolean;
  /** The assessment's date may be at most this many days before today. */
  maxAgeDays: number | null;
  /** The answers file (or REF:PATH) scores must not fall below; null for none. */
  baseline: string | null;
  /** Answers that got worse than the baseline's are errors, not warnings. */
  noRegressions: boolean;
  /** Level packs: the level the assessment must reach; null for none. */
  minLevel: number | null;
  /** Frameworks (crosswalk ids of the pack) whose coverage must reach minCoverage. */
  frameworks: string[];
  /** The share of a framework's mapped items that must be met, 0..100; null for no minimum. */
  minCoverage: number | null;
  /** Local evidence must exist inside the repository, URLs be well-formed, pins match. */
  verifyEvidence: boolean;
  /** A final assessment must carry a sign-off no older than its last change. */
  requireSignoff: boolean;
  /** Run the pack's repository probes (check --probe): a yes the repository contradicts is PROBE_CONTRADICTS. */
  probe: boolean;
  /** PROBE_CONTRADICTS is an error, not a warning (implies probe). */
  requireProbeAgreement: boolean;
  /** The `policy.risk.<tier>` section applied on top of the general policy, when one did. */
  riskTier: string | null;
  /** The pack this policy was resolved for (scoping and its `policy.pack.<id>` section); null when none was. */
  pack: string | null;
  /** Keys set for the run that cannot apply to this pack's files (score keys for a level pack, min-level for a scored one), as [key, value]. */
  notApplicable: [string, string][];
}

/** One answers file checked against a policy. */
export interface CheckResult {
  assessment: Assessment;
  findings: Finding[];
  passed: boolean;
  /** The policy this file was judged by, with where each key came from, when `check` says (a risk tier may change it per file). */
  applied?: { policy: Policy; origins: Map<string, string> };
  /** Its evidence entries by status, when `check` looked at the files. */
  evidence?: EvidenceCounts;
  /** Whether it is signed off (yes, no, stale), when the run dated the answers' last change (the JSON result, `summary`). */
  signedOff?: SignedOff;
}
