import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verdanaWidth } from "../../src/formats/verdana.js";
import { EXAMPLES, FIXTURES, runInProcess, withTempDir } from "../helpers/run.js";

const TINY = join(FIXTURES, "summary-portfolio", "tiny-pack");
const TEAMS = join(FIXTURES, "summary-portfolio", "teams");

/** xmllint's verdict on a document: well-formed XML or not. */
function xmllint(xml: string, dir: string): { status: number | null; output: string } {
  const file = join(dir, "badge.svg");
  writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
  if (r.error) throw new Error(`xmllint is needed (apt-get install libxml2-utils): ${r.error.message}`);
  return { status: r.status, output: r.stderr };
}

async function checkedScore(file: string, pack: string[] = []): Promise<{ score: number; band: string }> {
  const r = await runInProcess(["check", file, ...pack, "--format", "json", "--no-config", "--allow-unanswered"]);
  return JSON.parse(r.stdout).results[0];
}

describe("badge", () => {
  it("writes a valid, accessible, self-contained SVG saying the score and band check computes", () => withTempDir(async (dir) => {
    const file = join(EXAMPLES, "credit-scoring.yaml");
    const { score, band } = await checkedScore(file);
    const out = join(dir, "badge.svg");
    const r = await runInProcess(["badge", file, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    const svg = readFileSync(out, "utf8");
    expect(xmllint(svg, dir)).toEqual({ status: 0, output: "" });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20" role="img" aria-label="responsible ML: \d+ \w+">/);
    expect(svg).toContain(`<title>responsible ML: ${score} ${band}</title>`);
    expect(svg).toContain(`>${score} ${band}</text>`);
    // No reference outside the document: the only URL is the SVG namespace; url() points inside it.
    expect(svg.match(/https?:\/\/[^"]*/g)).toEqual(["http://www.w3.org/2000/svg"]);
    expect(svg).not.toMatch(/href|@import|<image|<script|<foreignObject/i);
    for (const ref of svg.match(/url\([^)]*\)/g) ?? []) expect(ref).toMatch(/^url\(#[a-z]+\)$/);
  }));

  it("escapes a hostile label and stays well-formed XML", () => withTempDir(async (dir) => {
    const label = "</text><script>alert(1)</script> & \"quotes\" ' \u0007";
    const r = await runInProcess(["badge", join(EXAMPLES, "credit-scoring.yaml"), "--label", label]);
    expect(r.code).toBe(0);
    expect(xmllint(r.stdout, dir).status).toBe(0);
    expect(r.stdout).not.toContain("<script>");
    expect(r.stdout).toContain("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ");
  }));

  it("is wider for longer text, by Verdana's widths: the label side fits its text with 5px either side", async () => {
    const widthOf = async (label: string) => Number(/<rect width="(\d+)" height="20" fill="#555"\/>/.exec((await runInProcess(["badge", join(EXAMPLES, "credit-scoring.yaml"), "--label", label])).stdout)![1]);
    expect(await widthOf("iiii")).toBe(Math.ceil(verdanaWidth("iiii")) + 10);
    expect(await widthOf("WWWW")).toBe(Math.ceil(verdanaWidth("WWWW")) + 10);
    expect(await widthOf("WWWW")).toBeGreaterThan(await widthOf("iiii"));
  });

  it("--format json prints shields.io's endpoint schema, coloured by band", async () => {
    const colours: Record<string, string> = {};
    for (const team of ["ancient", "hostile", "final", "older-pack"]) {
      const r = await runInProcess(["badge", join(TEAMS, `${team}.yaml`), "--pack", TINY, "--format", "json", "--label", "RML"]);
      expect(r.code, r.stderr).toBe(0);
      const { score, band } = await checkedScore(join(TEAMS, `${team}.yaml`), ["--pack", TINY]);
      const doc = JSON.parse(r.stdout);
      expect(Object.keys(doc)).toEqual(["schemaVersion", "label", "message", "color"]);
      expect(doc).toMatchObject({ schemaVersion: 1, label: "RML", message: `${score} ${band}` });
      colours[band] = doc.color;
    }
    // The tiny pack's four bands, lowest to highest, on the six-step scale.
    expect(colours).toEqual({ Low: "red", Fair: "yellow", Good: "yellowgreen", Top: "brightgreen" });
  });

  it("shows a level pack's readiness level, read with the built-in pack the file names", async () => {
    const file = join(EXAMPLES, "mltrl-anomaly-detector.yaml");
    const checked = await runInProcess(["check", file, "--format", "json", "--no-config"]);
    const { level } = (JSON.parse(checked.stdout) as { results: { level: number }[] }).results[0]!;
    const r = await runInProcess(["badge", file, "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    // The label names the pack: an MLTRL badge never says "responsible ML".
    expect(JSON.parse(r.stdout)).toMatchObject({ label: "MLTRL", message: `level ${level} of 9` });
    const svg = (await runInProcess(["badge", file])).stdout;
    expect(svg).toContain(`<title>MLTRL: level ${level} of 9</title>`);
    expect(svg).not.toMatch(/responsible ML/i);
    expect(JSON.parse((await runInProcess(["badge", file, "--format", "json", "--label", "readiness"])).stdout)).toMatchObject({ label: "readiness" });
  });

  it("names another pack by the abbreviation its title ends with, else by its id", async () => {
    const { packLabel } = await import("../../src/formats/badge-content.js");
    const pack = (title: string, id = "team-pack") => ({ id, title }) as Parameters<typeof packLabel>[0];
    expect(packLabel(pack("The Responsible Machine Learning Principles", "responsible-ml"))).toBe("responsible ML");
    expect(packLabel(pack("Our Model Governance Checklist (MGC)"))).toBe("MGC");
    expect(packLabel(pack("Our Model Governance Checklist"))).toBe("team-pack");
  });

  it("says 'not scored' in grey when every answer is n/a, and exits 2 on an invalid file", () => withTempDir(async (dir) => {
    const na = "{ answer: n/a, notes: Nothing of this here. }";
    writeFileSync(join(dir, "na.yaml"), `version: 1\nproject: { name: Rules only }\npack: tiny\nanswers:\n  care: { c-one: ${na}, c-two: ${na} }\n  rigour: { r-one: ${na}, r-two: ${na} }\n`);
    const grey = await runInProcess(["badge", join(dir, "na.yaml"), "--pack", TINY, "--format", "json"]);
    expect(JSON.parse(grey.stdout)).toMatchObject({ message: "not scored", color: "lightgrey" });
    expect((await runInProcess(["badge", join(dir, "na.yaml"), "--pack", TINY])).stdout).toContain('fill="#9f9f9f"');
    const svg = await runInProcess(["badge", join(TEAMS, "broken.yaml"), "--pack", TINY]);
    expect(svg.code).toBe(2);
    expect(svg.stdout).toBe("");
    expect(svg.stderr).toMatch(/broken\.yaml:5:\d+/);
  }));
});
