import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Microsoft's SARIF Multitool, from the devDependency @microsoft/sarif-multitool: its platform
 * package carries a self-contained x86-64 binary for linux, darwin and win32. Elsewhere there is
 * none, and the reason says so.
 */
export function sarifMultitool(): { binary: string } | { missing: string } {
  const where = `${process.platform}-${process.arch}`;
  if (process.arch !== "x64") return { missing: `the SARIF Multitool's npm package has no binary for ${where}` };
  let binary: string;
  try {
    binary = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  } catch {
    return { missing: `@microsoft/sarif-multitool has no platform package installed for ${where}` };
  }
  if (!existsSync(binary)) throw new Error(`the SARIF Multitool's binary is missing at ${binary}; run npm ci`);
  return { binary };
}

/** One result of the Multitool's validation log, with its level resolved as SARIF resolves it. */
export interface MultitoolResult {
  /** The validated file, as a file: URL. */
  file: string;
  ruleId: string;
  level: string;
  message: string;
}

interface LogResult {
  ruleId: string;
  ruleIndex?: number;
  level?: string;
  message: { id?: string; text?: string; arguments?: string[] };
  locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[];
}

interface Notification { level?: string; message: { text?: string }; descriptor?: { id?: string } }

/**
 * The Multitool's policy file: SARIF2006 (a note that every URI answers an HTTP GET) is turned off,
 * since tests reach no network and each of its requests waits for a time-out.
 */
const CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
`;

/**
 * Runs `validate --rule-kind "Gh;Sarif"` (GitHub code scanning's ingestion rules and the SARIF
 * spec's) over some files and reads its output log, notes included, so that every validated file
 * shows in the results. Throws when the Multitool itself reports a failure.
 */
export function validateWithMultitool(binary: string, files: string[], dir: string): MultitoolResult[] {
  const out = join(dir, "multitool.sarif");
  const config = join(dir, "multitool-config.xml");
  writeFileSync(config, CONFIG);
  // One thread, so the Multitool leaves the other core to the tests running beside it.
  const args = ["validate", "--rule-kind", "Gh;Sarif", "--level", "Error;Warning;Note", "--config", config, "--threads", "1", "--output", out, ...files];
  const r = spawnSync(binary, args, {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? dir, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    timeout: 120_000,
  });
  if (r.error || !existsSync(out)) throw new Error(`the SARIF Multitool did not run (${r.error?.message ?? `exit ${r.status}`}):\n${r.stdout}${r.stderr}`);
  const run = JSON.parse(readFileSync(out, "utf8")).runs[0];
  const rules: { defaultConfiguration?: { level?: string } }[] = run.tool.driver.rules ?? [];
  const notifications: Notification[] = (run.invocations ?? []).flatMap((i: { toolExecutionNotifications?: Notification[]; toolConfigurationNotifications?: Notification[] }) =>
    [...(i.toolExecutionNotifications ?? []), ...(i.toolConfigurationNotifications ?? [])]);
  // The one expected notification: the warning that SARIF2006 was turned off by the policy file.
  const failed = notifications.filter((n) => (n.level ?? "warning") !== "note" && n.descriptor?.id !== "WRN999.RuleExplicitlyDisabled");
  if (failed.length || !run.invocations?.every((i: { executionSuccessful: boolean }) => i.executionSuccessful)) {
    throw new Error(`the SARIF Multitool failed: ${JSON.stringify(failed)}\n${r.stdout}${r.stderr}`);
  }
  return (run.results as LogResult[]).map((x) => ({
    file: x.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "",
    ruleId: x.ruleId,
    // A result without a level takes its rule's default, and "warning" when the rule has none.
    level: x.level ?? rules[x.ruleIndex ?? -1]?.defaultConfiguration?.level ?? "warning",
    message: x.message.text ?? `${x.message.id}: ${(x.message.arguments ?? []).join(", ")}`,
  }));
}

/** A path as the Multitool names it in its log. */
export const fileUrl = (path: string) => pathToFileURL(path).href;
