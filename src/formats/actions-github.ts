import { handleOf, titleText, type ActionList } from "../core/actions.js";

/** GitHub's longest issue title. */
const GITHUB_TITLE = 256;

/**
 * `actions --format github`: one JSON object per line, `{ id, title, body, labels, assignees }`,
 * the fields of GitHub's create-an-issue REST call (plus `id`), and what `gh issue create` takes
 * as --title, --body-file, --label and --assignee. An owner that is no handle stays in the body.
 */
export function actionsGithub(list: ActionList): string {
  return list.items.map((i) => {
    const handle = handleOf(i.owner);
    return `${JSON.stringify({ id: i.id, title: titleText(i.title, GITHUB_TITLE), body: i.body, labels: i.labels, assignees: handle ? [handle] : [] })}\n`;
  }).join("");
}
