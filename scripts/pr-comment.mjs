// Posts, or updates, one pull-request comment with `rml-assess diff` of the answers files against
// the pull request's base branch. Run by the action's `pr-comment` step (action.yml); Node's own
// fetch and child_process only, no dependency. The comment is found again by MARKER, its first
// line, and its author (the token's own identity), so each run edits the same comment instead of
// adding one, and never edits a comment someone else wrote.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The hidden first line that identifies the comment this script owns. */
export const MARKER = "<!-- rml-assess-diff -->";
/** GitHub refuses comment bodies longer than this many characters. */
export const COMMENT_LIMIT = 65_536;

/** A GitHub REST call with the workflow token; an error names the status and, for 403, the permission needed. */
async function call(fetchFn, token, method, url, body) {
  const response = await fetchFn(url, {
    method,
    headers: {
      Accept: "application/vnd.github+json",
      Authorization: `Bearer ${token}`,
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": "rml-assess-pr-comment",
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    const hint = response.status === 403 || response.status === 404 ? " (the workflow needs `permissions: pull-requests: write`)" : "";
    throw new Error(`GitHub API ${method} ${url} answered ${response.status}${hint}: ${text.slice(0, 300)}`);
  }
  return response.status === 204 ? null : response.json();
}

/** Who posts with the workflow's token: GitHub Actions' bot (an app's own token posts as `<app-slug>[bot]`: set RML_COMMENT_AUTHOR). */
export const DEFAULT_AUTHOR = "github-actions[bot]";

/**
 * Creates the comment on pull request `issue`, or updates the earlier one that starts with MARKER
 * and was written by `author`, the token's own identity (every page of comments is searched). A
 * comment by anyone else that carries the marker is never edited: a new one is made instead.
 * Returns what it did and the comment's URL.
 */
export async function upsertComment({ api, repository, issue, token, body, author = DEFAULT_AUTHOR, fetch: fetchFn = globalThis.fetch }) {
  const base = `${api.replace(/\/$/, "")}/repos/${repository}`;
  for (let page = 1; ; page++) {
    const comments = await call(fetchFn, token, "GET", `${base}/issues/${issue}/comments?per_page=100&page=${page}`);
    const mine = comments.find((c) => typeof c.body === "string" && c.body.startsWith(MARKER) && c.user?.login === author);
    if (mine) {
      const updated = await call(fetchFn, token, "PATCH", `${base}/issues/comments/${mine.id}`, { body });
      return { action: "updated", id: mine.id, url: updated?.html_url ?? "" };
    }
    if (comments.length < 100) break;
  }
  const created = await call(fetchFn, token, "POST", `${base}/issues/${issue}/comments`, { body });
  return { action: "created", id: created.id, url: created.html_url ?? "" };
}

/** Text as an indented code block: nothing in it can become markdown or HTML. */
const codeBlock = (text) => text.trimEnd().split("\n").map((l) => `    ${l}`).join("\n");

/**
 * The comment: MARKER, then one section per answers file (its heading and its diff markdown).
 * When the whole is over GitHub's limit, the longest sections shrink to their verdict line.
 */
export function commentBody(sections) {
  const render = (s, short) => {
    const text = short ? `${s.markdown.split("\n")[0]}\n\n_Details left out to keep this comment within GitHub's limit; run \`rml-assess diff\` to see them._` : s.markdown.trimEnd();
    return `### rml-assess: ${s.title}\n\n${text}`;
  };
  const short = new Set();
  const whole = () => [MARKER, ...sections.map((s, i) => render(s, short.has(i)))].join("\n\n") + "\n";
  let body = whole();
  while (body.length > COMMENT_LIMIT && short.size < sections.length) {
    const longest = sections.map((s, i) => [i, s.markdown.length]).filter(([i]) => !short.has(i)).sort((a, b) => b[1] - a[1])[0][0];
    short.add(longest);
    body = whole();
  }
  return body;
}

/** The command that runs rml-assess: RML_CLI, else the action's own checkout, else `rml-assess` on the PATH. */
function cliCommand(env) {
  const own = join(dirname(fileURLToPath(import.meta.url)), "..", "bin", "rml-assess.cjs");
  const script = env.RML_CLI || (existsSync(own) ? own : "");
  return script ? [process.execPath, [script]] : ["rml-assess", []];
}

/** Variables that carry a credential: the diff child process needs none of them. */
const TOKEN_VARIABLES = /^(GITHUB_TOKEN|GH_TOKEN|GH_ENTERPRISE_TOKEN|GITHUB_ENTERPRISE_TOKEN|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|ACTIONS_ID_TOKEN_REQUEST_URL|INPUT_GITHUB-TOKEN|INPUT_TOKEN)$/i;

/** The environment without any credential (the workflow's token stays in this process, which posts). */
export function withoutTokens(env) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !TOKEN_VARIABLES.test(key)));
}

/** One file's section: its diff against the base branch, or why there is none. */
function diffSection(file, baseRef, env, cwd) {
  const [command, prefix] = cliCommand(env);
  const pack = env.RML_PACK ? ["--pack", env.RML_PACK] : [];
  const r = spawnSync(command, [...prefix, "diff", "--format", "md", ...pack, "--", `${baseRef}:${file}`, file], { cwd, encoding: "utf8", env: { ...withoutTokens(env), NO_COLOR: "1" } });
  const title = file.replace(/[\\`*_[\]<>|]/g, "\\$&");
  if (r.status === 0) return { title, markdown: r.stdout };
  if (/ does not exist at /.test(r.stderr ?? "")) return { title, markdown: `**New assessment**: not on \`${baseRef}\` yet, so there is nothing to compare it with.` };
  return { title, markdown: `**Could not compare with \`${baseRef}\`:**\n\n${codeBlock(r.stderr || r.error?.message || `exit ${r.status}`)}` };
}

/**
 * The action step: reads the pull request from GITHUB_EVENT_PATH, fetches its base branch, diffs
 * each file of RML_FILES against it and posts or updates the comment. Outside a pull request it
 * does nothing. Returns the exit code.
 */
export async function main(env = process.env, { fetch: fetchFn = globalThis.fetch, cwd = process.cwd(), log = console.log } = {}) {
  const event = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")) : {};
  const pr = event.pull_request;
  if (!pr) {
    log("rml-assess: not a pull request event; no comment posted.");
    return 0;
  }
  if (!env.GITHUB_TOKEN) throw new Error("GITHUB_TOKEN is not set; the action passes the workflow's token (github.token)");
  const base = pr.base.ref;
  const remote = env.RML_REMOTE || "origin";
  execFileSync("git", ["fetch", "--no-tags", "--depth=1", remote, `+refs/heads/${base}:refs/remotes/${remote}/${base}`], { cwd, stdio: ["ignore", "ignore", "inherit"] });
  const files = (env.RML_FILES || "rml-assessment.yaml").split(/\s+/).filter(Boolean);
  const body = commentBody(files.map((f) => diffSection(f, `${remote}/${base}`, env, cwd)));
  const done = await upsertComment({ api: env.GITHUB_API_URL || "https://api.github.com", repository: env.GITHUB_REPOSITORY, issue: pr.number, token: env.GITHUB_TOKEN, body, author: env.RML_COMMENT_AUTHOR || DEFAULT_AUTHOR, fetch: fetchFn });
  log(`rml-assess: ${done.action} the pull request comment ${done.url}`.trimEnd());
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then((code) => (process.exitCode = code), (error) => {
    console.error(`::error title=rml-assess comment::${String(error.message).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}`);
    process.exitCode = 1;
  });
}
