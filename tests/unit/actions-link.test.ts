import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { linkTickets, type TicketLink } from "../../src/actions/link.js";
import { EXAMPLES, FIXTURES } from "../helpers/run.js";

const CREDIT = readFileSync(join(EXAMPLES, "credit-scoring.yaml"), "utf8");
// The MLTRL example as it was with pack 1.0, whose ethics check is a flow entry.
const MLTRL = readFileSync(join(FIXTURES, "actions-mltrl", "rml-assessment.yaml"), "utf8");

const link = (id: string, ticket: string, principleOrder: string[] = [], questionOrder: string[] = []): TicketLink => {
  const [principle, question] = id.split("/") as [string, string];
  return { principle, question, ticket, principleOrder, questionOrder };
};

/** Replaces exactly one occurrence of `from`, failing the test if there is not exactly one. */
function once(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

describe("linkTickets", () => {
  it("adds `action: { ticket }` as one new line after a mapping entry's last field, every other byte as it was", () => {
    const r = linkTickets(CREDIT, [link("human-augmentation/scheduled-review", "CRA-1187")]);
    expect(r.changed).toBe(1);
    expect(r.text).toBe(once(CREDIT, "sampled. Tracked in CRA-1187.\n", "sampled. Tracked in CRA-1187.\n      action: { ticket: CRA-1187 }\n"));
  });

  it("sets the ticket beside an action's owner and due date, and replaces a ticket where it stands", () => {
    const text = "version: 1\nproject:\n  name: X\nanswers:\n  human-augmentation:\n    scheduled-review:\n      answer: partial # monthly\n      action:\n        owner: \"@alice\" # lead\n        due: 2026-12-01\n\n  # later\n  bias-evaluation:\n    bias-mitigated: no\n";
    const first = linkTickets(text, [link("human-augmentation/scheduled-review", "GH-1")]);
    expect(first.text).toBe(once(text, "        due: 2026-12-01\n", "        due: 2026-12-01\n        ticket: GH-1\n"));
    const second = linkTickets(first.text, [link("human-augmentation/scheduled-review", "https://github.com/o/r/issues/2")]);
    expect(second.text).toBe(once(first.text, "ticket: GH-1", "ticket: https://github.com/o/r/issues/2"));
    expect(linkTickets(second.text, [link("human-augmentation/scheduled-review", "https://github.com/o/r/issues/2")])).toEqual({ text: second.text, changed: 0 });
  });

  it("keeps a flow entry on its line, and turns the shorthand into a flow entry keeping its comment", () => {
    const r = linkTickets(MLTRL, [link("proof-of-concept/ethics-in-progress", "FR-1")]);
    expect(r.text).toBe(once(MLTRL, "post-development part open., evidence: docs/ethics/pre-development.md }\n", "post-development part open., evidence: docs/ethics/pre-development.md, action: { ticket: FR-1 } }\n"));
    const short = "version: 1\nproject: { name: X }\nanswers:\n  bias-evaluation:\n    bias-mitigated: no # we know\n";
    expect(linkTickets(short, [link("bias-evaluation/bias-mitigated", "T-1")]).text)
      .toBe(once(short, "bias-mitigated: no # we know", "bias-mitigated: { answer: no, action: { ticket: T-1 } } # we know"));
  });

  it("adds an entry for an unanswered question, and a principle the file lacks, in the pack's order", () => {
    const text = "version: 1\nproject: { name: X }\nanswers:\n  human-augmentation:\n    impact-of-errors: yes\n    override-possible: no\n  bias-evaluation:\n    bias-mitigated: no\n";
    const r = linkTickets(text, [
      link("human-augmentation/human-review-decision", "T-1", [], ["impact-of-errors", "human-review-decision", "override-possible"]),
      link("trust-by-privacy/model-leakage", "T-2", ["human-augmentation", "trust-by-privacy", "bias-evaluation"]),
    ]);
    expect(r.changed).toBe(2);
    expect(r.text).toBe("version: 1\nproject: { name: X }\nanswers:\n  human-augmentation:\n    impact-of-errors: yes\n    human-review-decision: { action: { ticket: T-1 } }\n    override-possible: no\n"
      + "  trust-by-privacy:\n    model-leakage: { action: { ticket: T-2 } }\n  bias-evaluation:\n    bias-mitigated: no\n");
  });

  it("fills an empty principle and an empty entry in place", () => {
    const text = "version: 1\nproject: { name: X }\nanswers:\n  bias-evaluation:\n  human-augmentation:\n    impact-of-errors:   # to do\n";
    const r = linkTickets(text, [link("bias-evaluation/bias-mitigated", "T-1"), link("human-augmentation/impact-of-errors", "T-2")]);
    expect(r.text).toBe("version: 1\nproject: { name: X }\nanswers:\n  bias-evaluation:\n    bias-mitigated: { action: { ticket: T-1 } }\n  human-augmentation:\n    impact-of-errors: { action: { ticket: T-2 } } # to do\n");
  });

  it("quotes a ticket that would not stay one scalar, and keeps CRLF line ends", () => {
    const text = "version: 1\r\nproject:\r\n  name: X\r\nanswers:\r\n  bias-evaluation:\r\n    bias-mitigated:\r\n      answer: no\r\n";
    const r = linkTickets(text, [link("bias-evaluation/bias-mitigated", "A, B {x} #7")]);
    expect(r.text).toBe(`${text}      action: { ticket: "A, B {x} #7" }\r\n`);
    expect(parse(r.text).answers["bias-evaluation"]["bias-mitigated"].action.ticket).toBe("A, B {x} #7");
  });

  it("falls back to the Document API, keeping comments, for a shape it cannot splice", () => {
    const text = "version: 1\nproject: { name: X }\n# the answers\nanswers: { bias-evaluation: { bias-mitigated: no } }\n";
    const r = linkTickets(text, [link("bias-evaluation/bias-mitigated", "T-9")]);
    expect(r.changed).toBe(1);
    expect(r.text).toContain("# the answers");
    expect(parse(r.text).answers).toEqual({ "bias-evaluation": { "bias-mitigated": { answer: "no", action: { ticket: "T-9" } } } });
  });
});
