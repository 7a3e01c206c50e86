/**
 * The HTML summary's only script: it turns each sortable table's column headings into buttons that
 * sort the rows by that column (numbers by their data-v value, with empty cells last; text by its
 * words), and says which column sorts them in aria-sort. Without it the tables read the same, in
 * file order. Its hash goes in the page's Content-Security-Policy, which allows no other script.
 */
export const SORT_SCRIPT = `for (const table of document.querySelectorAll("table.sortable")) {
  const heads = [...table.tHead.rows[0].cells];
  heads.forEach((th, col) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const ascending = th.getAttribute("aria-sort") !== "ascending";
      for (const h of heads) h.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const key = (row) => {
        const cell = row.cells[col];
        const v = cell.getAttribute("data-v");
        return v === null ? cell.textContent.trim() : v === "" ? null : Number(v);
      };
      const body = table.tBodies[0];
      const rows = [...body.rows].sort((a, b) => {
        const x = key(a), y = key(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return ascending ? d : -d;
      });
      body.append(...rows);
    });
  });
}`;

/** The CSP source that allows exactly SORT_SCRIPT (crypto loaded only when an HTML summary is made). */
export function sortScriptHash(): string {
  const { createHash } = process.getBuiltinModule("node:crypto");
  return `'sha256-${createHash("sha256").update(SORT_SCRIPT).digest("base64")}'`;
}
