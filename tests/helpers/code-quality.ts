import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { REPO } from "./run.js";

let validator: ValidateFunction | undefined;

/** Validates a GitLab Code Quality report against tests/schemas/gitlab-code-quality.schema.json (from GitLab's documented format); returns ajv's errors. */
export function codeQualityErrors(doc: unknown): unknown[] {
  validator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(REPO, "tests", "schemas", "gitlab-code-quality.schema.json"), "utf8")));
  return validator(doc) ? [] : [...(validator.errors ?? [])];
}

/** One issue of a Code Quality report, as the tests read it. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}
