/**
 * A git remote's URL as it may be shown: user names, passwords and tokens before the host
 * (`https://user:token@host/...`, `git@host:...`) and any query or fragment (`?private_token=...`)
 * are dropped, so a report never prints a credential. Local paths are kept as they are.
 */
export function shownRemoteUrl(url: string): string {
  const u = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i.exec(u);
  if (scheme) {
    const host = scheme[2]!.slice(scheme[2]!.lastIndexOf("@") + 1);
    return `${scheme[1]!.toLowerCase()}://${host}${scheme[3]}`;
  }
  // scp-like syntax, [user@]host:path: a colon before any slash, and not a Windows drive letter.
  const scp = /^(?:[^@/]*@)?([^:/]+):(?!\/\/)(.*)$/.exec(u);
  if (scp && !/^[a-z]$/i.test(scp[1]!)) return `${scp[1]}:${scp[2]!.replace(/[?#].*$/, "")}`;
  return u;
}

/**
 * The host and path of a remote URL, lower-cased and without `.git` or a trailing slash, so that
 * `git@github.com:Acme/x.git` and `https://github.com/acme/x` are found to be one repository; null
 * for a local path.
 */
export function repositoryKey(url: string): string | null {
  const shown = shownRemoteUrl(url);
  const scheme = /^(?:https?|ssh|git|git\+ssh|ssh\+git):\/\/([^/:]+)(?::\d+)?\/(.*)$/i.exec(shown);
  const scp = scheme ? null : /^([^:/]+):(?!\/\/)(.+)$/.exec(shown);
  const host = scheme?.[1] ?? scp?.[1];
  const path = scheme?.[2] ?? scp?.[2];
  if (!host || path === undefined || /^[a-z]$/i.test(host)) return null;
  const clean = path.replace(/^\/+|\/+$/g, "").replace(/\.git$/i, "");
  return clean ? `${host}/${clean}`.toLowerCase() : null;
}

/** The https address of a repository on GitHub or GitLab (GitLab.com or a gitlab.* host), from any of its remote URL forms; null for other hosts. */
export function webRepositoryUrl(url: string): string | null {
  const shown = shownRemoteUrl(url);
  const scheme = /^(?:https?|ssh|git\+ssh):\/\/([^/:]+)(?::\d+)?\/([^?#]+?)(?:\.git)?\/?$/i.exec(shown);
  const scp = scheme ? null : /^([^:/]+):(?!\/\/)([^?#]+?)(?:\.git)?\/?$/.exec(shown);
  const host = scheme?.[1] ?? scp?.[1];
  const path = (scheme?.[2] ?? scp?.[2])?.replace(/^\/+/, "");
  if (!host || !path || !/^(github\.com|gitlab\.com|gitlab\.[^/]+)$/i.test(host)) return null;
  return `https://${host}/${path}`;
}
