import { realpathSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { UsageError } from "../errors.js";
import { runProbes, type ProbeScan } from "../core/probes.js";
import type { Pack } from "../core/types.js";
import type { Io } from "../io/io.js";
import { probeLimits, probeReader, repositoryFiles } from "../io/probe-files.js";
import { repositoryRoot } from "../io/repository.js";

/** A pack's probes run over the repository holding `dir`; a UsageError (exit 2) when git cannot list it. */
export function scanRepository(pack: Pack, dir: string, env: Io["env"]): { scan: ProbeScan; root: string; toRef: (path: string) => string } {
  const limits = probeLimits(env);
  const listing = repositoryFiles(dir, limits);
  if ("unavailable" in listing) throw new UsageError(`cannot probe the repository: ${listing.unavailable}`, listing.hint);
  const scan = runProbes(pack, listing.files, probeReader(listing.root, limits));
  const realDir = realpathSync(dir);
  const realRoot = realpathSync(listing.root);
  // Evidence is written relative to the answers file's directory, with forward slashes.
  const toRef = (path: string) => relative(realDir, join(realRoot, path)).split(sep).join("/");
  return { scan, root: listing.root, toRef };
}

/**
 * For `check --probe`: each pack's probes run once over each repository holding some of its files,
 * keyed by pack id, then by the repository's root as `repositoryRoot` finds it. Fails closed (exit
 * 2) outside a work tree, when git cannot list the files, or when a reading limit stopped a probe.
 */
export function probeScansFor(groups: { pack: Pack; files: string[] }[], io: Io): Map<string, Map<string, ProbeScan>> {
  const out = new Map<string, Map<string, ProbeScan>>();
  for (const { pack, files } of groups) {
    const scans = out.get(pack.id) ?? new Map<string, ProbeScan>();
    out.set(pack.id, scans);
    for (const file of files) {
      const dir = dirname(resolve(io.cwd, file));
      const root = repositoryRoot(dir);
      if (scans.has(root)) continue;
      const { scan } = scanRepository(pack, dir, io.env);
      if (!scan.complete) {
        throw new UsageError(`cannot trust the probes of ${root}: a reading limit stopped some of them, so a contradiction could be wrong`, "set RML_PROBE_MAX_BYTES higher ('rml-assess probe' lists the files not read), or run without --probe");
      }
      scans.set(root, scan);
    }
  }
  return out;
}
