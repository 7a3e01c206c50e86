import { posix } from "node:path";
import type { Provenance, Unread } from "../../io/provenance.js";
import { repositoryKey, webRepositoryUrl } from "../../io/remote-url.js";
import type { Escape } from "./context.js";

/**
 * The web address of a file of the repository read at its commit, for GitHub and GitLab remotes
 * (GitLab puts `/-/` before `blob`); null for other hosts, a local repository, without a commit,
 * or for a path that leaves the repository. The declared `project.repository` is never used: a
 * link must point where the file was read.
 */
export function blobUrl(provenance: Provenance | Unread | null, ref: string): string | null {
  if (!provenance?.commit || !provenance.repository?.url) return null;
  const web = webRepositoryUrl(provenance.repository.url);
  if (web === null) return null;
  const path = posix.normalize(posix.join(provenance.dir, ref.replace(/\\/g, "/")));
  if (path.startsWith("../") || path === ".." || posix.isAbsolute(path)) return null;
  const blob = /^https:\/\/github\.com\//i.test(web) ? "blob" : "-/blob";
  return `${web}/${blob}/${provenance.commit}/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** Which remote was read and why, in words (names through `escape.code`). */
function remoteWords(p: Provenance, escape: Escape): string | null {
  const r = p.repository;
  if (!r?.rule) return null;
  const name = r.remote === null ? "a URL" : `remote ${escape.code(r.remote)}`;
  if (r.rule === "upstream") return `${name}, the upstream of branch ${escape.code(r.branch ?? "HEAD")}`;
  if (r.rule === "origin") return r.branch === null ? `${name} (detached HEAD, no upstream)` : `${name}; branch ${escape.code(r.branch)} has no upstream remote`;
  return `${name}, the only remote`;
}

/**
 * What the report says about where the answers file was read (templates/partials/provenance.*):
 * the repository read (its remote URL without credentials, or a local repository), the path in it
 * and the commit; whether that is the repository the team declared in `project.repository`; what
 * git could not tell. `provenance` is null without a commit, and `unread` says why.
 */
export function provenanceContext(declared: string | undefined, read: Provenance | Unread | null, escape: Escape) {
  const esc = escape.text;
  if (read === null) return { provenance: null, unread: null };
  if (read.commit === null) return { provenance: null, unread: { reason: esc(read.reason) } };
  const repo = read.repository;
  const readKey = repo?.url ? repositoryKey(repo.url) : null;
  const declaredKey = declared ? repositoryKey(declared) : null;
  // Known to match only when both name the same host and path; a local repository, or a
  // declaration that is not a repository URL, is not the declared repository as far as can be told.
  const same = readKey !== null && readKey === declaredKey;
  return {
    provenance: {
      commit: read.commit, short: read.commit.slice(0, 12), dirty: read.dirty,
      path: esc(read.path), pathCode: escape.code(read.path),
      repository: repo === null ? null : { url: repo.url === null ? null : esc(repo.url), local: repo.url === null, how: remoteWords(read, escape) },
      /** The repository read is not known: git could not say (see problems). */
      unnamed: repo === null,
      /** The team declared a repository and it is not the one read (or cannot be shown to be). */
      differs: Boolean(declared) && repo !== null && !same,
      /** The team declared a repository, and git could not name the one read to compare. */
      undecided: Boolean(declared) && repo === null,
      problems: read.problems.map(esc),
    },
    unread: null,
  };
}
