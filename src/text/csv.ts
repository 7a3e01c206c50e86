/**
 * A text cell: one a spreadsheet would read as a formula (starting with =, +, -, @, or a tab or
 * carriage return, as OWASP's "CSV Injection" lists) gets a leading apostrophe, and a cell holding
 * a comma, quote or line break is quoted with its quotes doubled (RFC 4180).
 */
export function csvText(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, "\"\"")}"` : safe;
}
