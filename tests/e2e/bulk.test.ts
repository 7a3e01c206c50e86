import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generate } from "../../bench/generate.js";
import { BATCH } from "../../src/bulk/many.js";
import { REPO, runBinary } from "../helpers/run.js";

// The files are generated once for the file, four batches (--jobs 2: the two workers take turns, and
// the second's batches must come back in file order), and each run's output is checked for
// everything it shows. That the default starts workers from PARALLEL_FROM files on is a unit test's.
const COUNT = 4 * BATCH;

describe("check over many files", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "rml-assess-test-"));
    generate(join(dir, "answers"), COUNT, join(REPO, "dist", "builtin-pack.json"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the same output on worker threads as on one thread, in file order", () => {
    // Workers send each part as UTF-8 bytes: characters of two to four bytes come through whole.
    const named = join(dir, "answers", "model-00007.yaml");
    writeFileSync(named, readFileSync(named, "utf8").replace("name: Model 7", 'name: "Modèle 7 – ünïcödé 😀"'));
    // Workers check and render each file themselves (JUnit, which numbers its suites across files,
    // is rendered on the main thread): every format, its colours and the policy come out the same.
    const runs: [string[], Record<string, string>][] = [
      ...["json", "junit", "github", "gitlab", "sarif", "text"].map((format): [string[], Record<string, string>] => [["--format", format], {}]),
      [["--verbose", "--max-age-days", "3650", "--require-evidence"], { NO_COLOR: "", FORCE_COLOR: "2" }],
    ];
    const printed: string[] = [];
    for (const [flags, env] of runs) {
      const one = runBinary(["check", join(dir, "answers"), ...flags, "--jobs", "1"], { env: { SOURCE_DATE_EPOCH: "1790000000", ...env } });
      const two = runBinary(["check", join(dir, "answers"), ...flags, "--jobs", "2"], { env: { SOURCE_DATE_EPOCH: "1790000000", ...env } });
      expect(one.code, one.stderr).toBe(1);
      expect(two.code).toBe(1);
      expect(two.stdout).toBe(one.stdout);
      printed.push(two.stdout);
    }
    const [json, , , , sarif, , coloured] = printed as [string, string, string, string, string, string, string];
    expect(coloured).toContain("\u001b[");
    // Streamed into -o's temporary file, the document is the one printed to standard output.
    expect(runBinary(["check", join(dir, "answers"), "--format", "sarif", "--jobs", "2", "-o", join(dir, "out.sarif")], { env: { SOURCE_DATE_EPOCH: "1790000000" } }).code).toBe(1);
    expect(readFileSync(join(dir, "out.sarif"), "utf8")).toBe(sarif);
    rmSync(join(dir, "out.sarif"));
    const doc = JSON.parse(json);
    expect(doc.results).toHaveLength(COUNT);
    expect(doc.results[6].project.name).toBe("Modèle 7 – ünïcödé 😀");
    expect(doc.results.map((r: { file: string }) => r.file)).toEqual([...doc.results.map((r: { file: string }) => r.file)].sort());
  }, 240_000); // a hundred answers files to the whole built-in pack, fifteen times over

  it("reports an invalid file among many, whichever thread parsed it", () => {
    const broken = join(dir, "answers", "model-00063.yaml");
    writeFileSync(broken, readFileSync(broken, "utf8").replace(/answer: yes/, "answer: maybe"));
    // Read by the main thread, decoded by the worker that parses it: a byte that is not UTF-8 is found there.
    const binary = join(dir, "answers", "model-00088.yaml");
    writeFileSync(binary, Buffer.concat([readFileSync(binary), Buffer.from('notes: "caf\xe9"\n', "latin1")]));
    for (const jobs of ["1", "2"]) {
      const r = runBinary(["check", join(dir, "answers"), "--jobs", jobs]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/model-00063\.yaml:\d+:\d+: .*found 'maybe'/);
      expect(r.stderr).toMatch(/model-00088\.yaml:\d+:12: the file is not valid UTF-8 text \(byte 0xE9\)/);
      expect(r.stdout).toBe("");
      // With -o, the parts already streamed into the temporary file are thrown away: nothing is left.
      const o = runBinary(["check", join(dir, "answers"), "--jobs", jobs, "--format", "json", "-o", join(dir, "out.json")]);
      expect(o.code).toBe(2);
      expect(readdirSync(dir)).toEqual(["answers"]);
    }
  }, 120_000);
});
