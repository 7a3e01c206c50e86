import picomatch from "picomatch";
import type { Answers, AnswerValue, Pack, Probe } from "./types.js";
import type { Finding, Severity } from "./verdict.js";

/*
 * Repository probes (docs/probes.md), pure: a pack's probes matched against a repository's list of
 * files, reading a candidate only through the reader the IO layer passes in. Globs are picomatch's;
 * text patterns are literal, case-insensitive substrings, so a pack cannot make matching slow.
 */

/**
 * What the IO layer says of one candidate file: a regular file inside the repository (with its
 * text when asked), missing (git lists it, the working tree no longer has it), or refused and why
 * (`limit`: a reading limit refused it).
 */
export type FileLook = { state: "file"; text: string | null } | { state: "missing" } | { state: "refused"; reason: string; limit?: boolean };

/** Looks at one candidate (a path relative to the repository root); `wantText`: its text is needed, lower-cased. */
export type FileReader = (path: string, wantText: boolean) => FileLook;

/** One probe's outcome for a question. */
export interface ProbeOutcome {
  what: string;
  /** Files that matched (globs, and text when the probe has some), relative to the repository root, sorted. */
  matched: string[];
  /** For a `contradicts: yes` probe: "holds" when nothing matched and nothing was refused, "undecided" when only refused files matched the globs. */
  contradiction: "holds" | "undecided" | "none" | null;
}

/** A question's probes run over the repository. */
export interface QuestionProbes {
  principle: string;
  question: string;
  /** Evidence the `suggests: evidence` probes found, relative to the repository root, sorted and unique. */
  found: string[];
  outcomes: ProbeOutcome[];
  /** Each distinct `what` of its `contradicts: yes` probes: "holds" when none of them matched and none met a refused file. */
  contradictions: { what: string; state: "holds" | "undecided" | "none" }[];
}

/** A pack's probes run over one repository. */
export interface ProbeScan {
  /** How many files the repository lists. */
  files: number;
  /** Questions with probes, in pack order. */
  questions: QuestionProbes[];
  /** Candidate files refused (links, special files, outside the repository, over a limit), sorted by path. */
  refused: { path: string; reason: string }[];
  /** False when a reading limit was reached: a contradiction may then be wrong, so a gate must not trust it. */
  complete: boolean;
}

interface Compiled {
  principle: string;
  question: string;
  probe: Probe;
  test: (path: string) => boolean;
  needles: string[];
  matched: Set<string>;
  refused: boolean;
}

const GLOB = { dot: true, nocase: true } as const;

/**
 * One probe's globs as a matcher of a path: picomatch's regular expressions, with `**\/NAME`
 * globs (most of them) tested against the file's name alone, which is several times faster over a
 * large repository and matches the same paths.
 */
function globMatcher(globs: string[]): (path: string) => boolean {
  const names: string[] = [];
  const paths: string[] = [];
  for (const glob of globs) {
    const name = /^\*\*\/([^/]+)$/.exec(glob);
    if (name) names.push(picomatch.makeRe(name[1]!, GLOB).source);
    else paths.push(picomatch.makeRe(glob, GLOB).source);
  }
  const byName = names.length ? new RegExp(names.join("|"), "i") : null;
  const byPath = paths.length ? new RegExp(paths.join("|"), "i") : null;
  return (path) => (byName !== null && byName.test(path.slice(path.lastIndexOf("/") + 1))) || (byPath !== null && byPath.test(path));
}

/** The probes of a pack, each with its glob matcher (case-insensitive, dot files included). */
function compile(pack: Pack): Compiled[] {
  const out: Compiled[] = [];
  for (const p of pack.principles) {
    for (const q of p.questions) {
      for (const probe of q.probes ?? []) {
        out.push({ principle: p.id, question: q.id, probe, test: globMatcher(probe.files), needles: probe.contains.map((c) => c.toLowerCase()), matched: new Set(), refused: false });
      }
    }
  }
  return out;
}

/**
 * Runs a pack's probes over a repository's files (paths relative to its root, forward slashes):
 * each file matching a probe's globs is looked at once through `read` (its text only when a probe
 * has text to find). A refused file never matches; `complete` is false when a limit refused one.
 */
export function runProbes(pack: Pack, paths: readonly string[], read: FileReader): ProbeScan {
  const probes = compile(pack);
  const refused = new Map<string, string>();
  let complete = true;
  if (probes.length) {
    for (const path of paths) {
      const matching = probes.filter((c) => c.test(path));
      if (!matching.length) continue;
      // Each candidate is looked at once, its text read only when a probe has text to find, and let go after.
      const seen = read(path, matching.some((c) => c.needles.length > 0));
      if (seen.state === "missing") continue;
      if (seen.state === "refused") {
        refused.set(path, seen.reason);
        if (seen.limit) complete = false;
        for (const c of matching) c.refused = true;
        continue;
      }
      for (const c of matching) if (!c.needles.length || c.needles.some((n) => seen.text!.includes(n))) c.matched.add(path);
    }
  }
  const byQuestion = new Map<string, QuestionProbes>();
  for (const c of probes) {
    const key = `${c.principle}/${c.question}`;
    let q = byQuestion.get(key);
    if (!q) byQuestion.set(key, (q = { principle: c.principle, question: c.question, found: [], outcomes: [], contradictions: [] }));
    const matched = [...c.matched].sort();
    if (c.probe.suggests) q.found.push(...matched);
    const contradiction = !c.probe.contradictsYes ? null : matched.length ? "none" : c.refused ? "undecided" : "holds";
    q.outcomes.push({ what: c.probe.what, matched, contradiction });
  }
  for (const q of byQuestion.values()) {
    q.found = [...new Set(q.found)].sort();
    // Contradicting probes that share a `what` are alternatives: the absence holds only when none matched.
    const groups = new Map<string, ProbeOutcome["contradiction"][]>();
    for (const o of q.outcomes) if (o.contradiction !== null) groups.set(o.what, [...(groups.get(o.what) ?? []), o.contradiction]);
    q.contradictions = [...groups].map(([what, states]) => ({ what, state: states.includes("none") ? "none" : states.includes("undecided") ? "undecided" : "holds" }));
  }
  return {
    files: paths.length,
    questions: [...byQuestion.values()],
    refused: [...refused].map(([path, reason]) => ({ path, reason })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    complete,
  };
}

/** A question's answer in a file, if any. */
const answerOf = (answers: Answers, principle: string, question: string) => answers.answers.get(principle)?.get(question);

/**
 * PROBE_CONTRADICTS, at the answer: the file answers `yes` where a `contradicts: yes` probe found
 * nothing in the repository (a warning, or an error when the policy asks). An undecided
 * contradiction (only refused files matched) is not raised: it would claim more than was read.
 */
export function probeFindings(answers: Answers, scan: ProbeScan, severity: Severity): Finding[] {
  const out: Finding[] = [];
  for (const q of scan.questions) {
    const answer = answerOf(answers, q.principle, q.question);
    if (answer?.answer !== "yes") continue;
    for (const o of q.contradictions) {
      if (o.state !== "holds") continue;
      const message = `${q.principle}/${q.question} is yes, but the repository holds no ${o.what}; add it, or revise the answer`;
      // Fields in the documented order (JSON output keeps it).
      out.push({ code: "PROBE_CONTRADICTS", severity, message, principle: q.principle, question: q.question, line: answer.position.line, column: answer.position.column });
    }
  }
  return out;
}

/**
 * Found evidence a file does not list yet, per question: `toRef` turns a path relative to the
 * repository root into the form evidence takes in the answers file (relative to its directory).
 */
export function newEvidence(answers: Answers | null, scan: ProbeScan, toRef: (path: string) => string): { principle: string; question: string; refs: string[] }[] {
  const out: { principle: string; question: string; refs: string[] }[] = [];
  for (const q of scan.questions) {
    const listed = new Set(answers ? answerOf(answers, q.principle, q.question)?.evidence ?? [] : []);
    const normal = new Set([...listed].map((r) => r.replace(/^\.\//, "")));
    const refs = q.found.map(toRef).filter((r) => !listed.has(r) && !normal.has(r));
    if (refs.length) out.push({ principle: q.principle, question: q.question, refs });
  }
  return out;
}

/** One question as `probe` lists it: its answer, the evidence found and the contradictions. */
export interface ProbeRow {
  principle: string;
  question: string;
  answer: AnswerValue | null;
  /** Where the answer stands in the answers file; null without a file or an answer. */
  line: number | null;
  column: number | null;
  /** Each file found: relative to the repository root, as evidence in the answers file, and whether the file lists it already. */
  found: { path: string; evidence: string; listed: boolean }[];
  /** Probes whose absence would contradict a yes: "holds" (nothing matched), "undecided" (only refused files matched); `contradicted` when the answer is yes and it holds. */
  contradictions: { what: string; state: "holds" | "undecided"; contradicted: boolean }[];
}

/** The rows `probe` shows: questions with evidence found or a contradiction, in pack order. */
export function probeRows(answers: Answers | null, scan: ProbeScan, toRef: (path: string) => string): ProbeRow[] {
  const rows: ProbeRow[] = [];
  for (const q of scan.questions) {
    const given = answers ? answerOf(answers, q.principle, q.question) : undefined;
    const listed = new Set((given?.evidence ?? []).map((r) => r.replace(/^\.\//, "")));
    const found = q.found.map((path) => ({ path, evidence: toRef(path), listed: listed.has(toRef(path)) }));
    const answer = given?.answer ?? null;
    const contradictions = q.contradictions.flatMap((o) => (o.state === "none" ? [] : [{ what: o.what, state: o.state, contradicted: answer === "yes" && o.state === "holds" }]));
    if (!found.length && !contradictions.length) continue;
    rows.push({ principle: q.principle, question: q.question, answer, line: given ? given.position.line : null, column: given ? given.position.column : null, found, contradictions });
  }
  return rows;
}
