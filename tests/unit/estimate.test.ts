import { describe, expect, it } from "vitest";
import type { Question } from "../../src/core/types.js";
import { duration, durationRange, estimate } from "../../src/interview/estimate.js";

const question = (words: number): Question => ({
  id: "q", text: Array(words).fill("word").join(" "), guidance: "", redFlag: "", recommendation: "", evidence: "", refs: [], weight: 1, appliesTo: [],
});

describe("time estimate", () => {
  it("counts the words of questions and guidance, and scales with the number of questions", () => {
    // 60 questions of 50 words: 3,000 words read in 15 minutes at 200 a minute.
    const e = estimate(Array.from({ length: 60 }, () => question(50)));
    expect(e).toMatchObject({ questions: 60, words: 3000 });
    expect(e.soloMinutes).toBe(15 + 30);
    expect(e.teamMinutes).toEqual([15 + 120, 15 + 210]);
    expect(duration(e.soloMinutes)).toBe("45 minutes");
    expect(durationRange(e.teamMinutes)).toBe("2½–4 hours");
    expect(estimate([]).words).toBe(0);
  });

  it("says durations as people do", () => {
    expect(duration(1)).toBe("5 minutes");
    expect(duration(23)).toBe("25 minutes");
    expect(duration(60)).toBe("1 hour");
    expect(duration(100)).toBe("1½ hours");
    expect(durationRange([8, 14])).toBe("10–15 minutes");
    expect(durationRange([40, 100])).toBe("40 minutes to 1½ hours");
    expect(durationRange([150, 150])).toBe("2½ hours");
  });
});
