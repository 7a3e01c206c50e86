/**
 * The HTML summary's stylesheet. Heat-map cells are pale tints of the six-step band scale with dark
 * text (contrast above 7:1), and every cell also says its score and band in words.
 */
export const SUMMARY_STYLE = `:root { --ink: #1b2230; --muted: #535c6c; --line: #d5dae3; --soft: #f4f6f9; --accent: #1f3f75; color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 90rem; padding: 2rem; color: var(--ink); background: #fff; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif; font-variant-numeric: tabular-nums;
  overflow-wrap: break-word; }
main, section { min-width: 0; max-width: 100%; }
h1 { font-size: 1.8rem; margin: 0; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h2 small { font-size: 0.8em; font-weight: normal; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
code { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; overflow-wrap: anywhere; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.78rem; font-weight: 600; color: var(--muted); margin: 0 0 0.3rem; }
.note { color: var(--muted); font-size: 0.9rem; }
/* A wide table scrolls inside its own box; the page itself never scrolls sideways. */
.scroll { overflow-x: auto; max-width: 100%; }
td.verdict.fail, td.verdict.unknown { font-weight: 600; }
.problem { border-left: 4px solid #b3261e; padding-left: 0.6rem; }
.scroll:focus-visible { outline: 2px solid var(--accent); }
table { border-collapse: collapse; font-size: 0.87rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
thead th { background: var(--soft); white-space: nowrap; }
th[scope="row"] { font-weight: 600; }
td.num { text-align: right; white-space: nowrap; }
td.none { color: var(--muted); font-style: italic; }
.word { display: block; font-size: 0.75em; }
.heatmap thead th { white-space: normal; min-width: 6.5rem; vertical-align: bottom; }
.heatmap thead th code { display: block; font-size: 0.75em; font-weight: normal; }
.heatmap td code { display: inline-block; min-width: 10rem; }
th button { all: inherit; cursor: pointer; padding: 0; border: 0; }
th button::after { content: " ↕"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
th button:focus-visible { outline: 2px solid var(--accent); }
.heat { color: #1b1b1b; }
.s0 { background: #f9d3cc; } .s1 { background: #fde0c8; } .s2 { background: #fbefc0; }
.s3 { background: #e9efc3; } .s4 { background: #d6efbf; } .s5 { background: #bfe8bd; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; list-style: none; padding: 0; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
.swatch { display: inline-block; width: 1em; height: 1em; border: 1px solid #999; margin-right: 0.35em; vertical-align: -0.15em; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  th button::after { content: ""; }
  .heat, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr { break-inside: avoid; }
}`;
