/**
 * Reads CSV as RFC 4180 defines it (quoted fields, doubled quotes, CRLF records), strictly: a
 * stray quote or a bare LF record end throws, so a test fails on output a spreadsheet would
 * misread. Test-side only: the tool writes CSV and never reads it.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "\"" && field === "") {
      const end = /^"((?:[^"]|"")*)"/.exec(text.slice(i));
      if (!end) throw new Error(`unterminated quoted field at ${i}`);
      field = end[1]!.replace(/""/g, "\"");
      i += end[0].length;
      if (!/^(,|\r\n|$)/.test(text.slice(i))) throw new Error(`text after a quoted field at ${i}`);
      continue;
    }
    if (text.startsWith("\r\n", i)) {
      records.push([...record, field]);
      record = [];
      field = "";
      i += 2;
    } else if (text[i] === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (text[i] === "\"" || text[i] === "\n" || text[i] === "\r") {
      throw new Error(`a ${JSON.stringify(text[i])} outside quotes at ${i}`);
    } else {
      field += text[i++];
    }
  }
  if (field !== "" || record.length) records.push([...record, field]);
  return records;
}
