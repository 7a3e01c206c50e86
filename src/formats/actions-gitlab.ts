import { handleOf, titleText, type ActionList } from "../core/actions.js";

/** GitLab's longest issue title. */
const GITLAB_TITLE = 255;

/**
 * `actions --format gitlab`: one JSON object per line, `{ id, title, description, labels,
 * assignees, due_date }` with labels comma-separated, the fields of GitLab's new-issue REST call
 * (whose assignee_ids are looked up from `assignees`) and what `glab issue create` takes as
 * --title, --description, --label, --assignee and --due-date.
 */
export function actionsGitlab(list: ActionList): string {
  return list.items.map((i) => {
    const handle = handleOf(i.owner);
    return `${JSON.stringify({ id: i.id, title: titleText(i.title, GITLAB_TITLE), description: i.body, labels: i.labels.join(","), assignees: handle ? [handle] : [], due_date: i.due })}\n`;
  }).join("");
}
