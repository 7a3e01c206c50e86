/*
 * The `# yaml-language-server: $schema=REF` line at the top of an answers file, which editors read
 * to find the schema. `init --upgrade` points an old one (the generic schema, or another pack's)
 * at the pack's own schema, changing only REF's characters.
 */

/** The header's REF and where it stands in the text, when the file's leading comments hold one. */
export function schemaHeader(text: string): { ref: string; start: number; end: number } | undefined {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length) {
    const nl = text.indexOf("\n", at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end).replace(/\r$/, "");
    if (!/^\s*(#.*)?$/.test(line)) return undefined;
    const match = /^(\s*#\s*yaml-language-server:\s*\$schema=)(\S+)/.exec(line);
    if (match) return { ref: match[2]!, start: at + match[1]!.length, end: at + match[1]!.length + match[2]!.length };
    at = end + 1;
  }
  return undefined;
}

/**
 * True when REF names one of rml-assess's own answers schemas by path (the generic
 * schema/answers.schema.json, or a pack's schema/answers/<id>.schema.json): those `init --upgrade`
 * may repoint. A URL, or any other schema, is the team's choice and stays.
 */
export function isOwnAnswersSchema(ref: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(ref) && /(^|\/)schema\/answers(\.schema\.json|\/[a-z0-9-]+\.schema\.json)$/.test(ref);
}

/** The text with the header's REF replaced by `ref`, every other byte kept; undefined when there is no header or it already says so. */
export function withSchemaHeader(text: string, ref: string): { text: string; from: string } | undefined {
  const header = schemaHeader(text);
  if (!header || header.ref === ref) return undefined;
  return { text: text.slice(0, header.start) + ref + text.slice(header.end), from: header.ref };
}

/** The text with a header naming `ref` put first (after a byte-order mark), in the file's line endings. */
export function addSchemaHeader(text: string, ref: string): string {
  const bom = text.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
  const nl = text.includes("\r\n") ? "\r\n" : "\n";
  return `${bom}# yaml-language-server: $schema=${ref}${nl}${text.slice(bom.length)}`;
}
