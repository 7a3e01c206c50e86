import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { ValidateFunction } from "ajv";
import { REPO } from "./run.js";

/** The schemas output is validated against, vendored in tests/schemas (origin and licence in its README). */
export const SCHEMAS = join(REPO, "tests", "schemas");
export const JUNIT_XSD = join(SCHEMAS, "junit.xsd");
export const SARIF_SCHEMA = join(SCHEMAS, "sarif-schema-2.1.0.json");

/** Validates JUnit XML against the Ant schema with xmllint (libxml2-utils); returns xmllint's verdict. */
export function xmllintJunit(xml: string): { valid: boolean; output: string } {
  return withTempDirSync((dir) => {
    const file = join(dir, "junit.xml");
    writeFileSync(file, xml);
    const r = spawnSync("xmllint", ["--noout", "--schema", JUNIT_XSD, file], { encoding: "utf8" });
    if (r.error) throw new Error(`xmllint is needed to validate JUnit output (apt-get install libxml2-utils): ${r.error.message}`);
    return { valid: r.status === 0, output: `${r.stdout}${r.stderr}` };
  });
}

/**
 * JVM flags for the W3C Nu Html Checker's short runs: the quick (C1) compiler alone and the serial
 * collector take about half the CPU time of the defaults; C1's larger frames need a bigger thread
 * stack for the checker's deep schema recursion (it refuses to check with too small a one).
 */
export const QUICK_JVM = ["-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

let sarifValidator: ValidateFunction | undefined;

/** Validates a SARIF document against the OASIS 2.1.0 schema (draft-04, with formats); returns ajv's errors. */
export function sarifErrors(doc: unknown): unknown[] {
  if (!sarifValidator) {
    const Draft04 = AjvDraft04 as unknown as typeof Ajv;
    const ajv = new Draft04({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
    sarifValidator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, "utf8")));
  }
  return sarifValidator(doc) ? [] : [...(sarifValidator.errors ?? [])];
}

function withTempDirSync<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "rml-assess-validate-"));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
