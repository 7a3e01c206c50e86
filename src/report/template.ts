import Handlebars from "handlebars";
import { InputError, type Diagnostic } from "../errors.js";

type Env = ReturnType<typeof Handlebars.create>;
type Loc = { line: number; column: number };

const CONTEXT_HINT = "see \"Report templates\" in the README for the fields a template receives";

/** Where the parser stopped: its lexer holds the last token's position (0-based column). */
function parserPosition(): Loc {
  const loc = (Handlebars as unknown as { Parser?: { lexer?: { yylloc?: { first_line: number; first_column: number } } } }).Parser?.lexer?.yylloc;
  return loc ? { line: loc.first_line, column: loc.first_column + 1 } : { line: 1, column: 1 };
}

/** A Handlebars exception's own position, when it has one (its column is 0-based). */
function exceptionPosition(error: unknown): Loc | null {
  const e = error as { lineNumber?: number; column?: number };
  return typeof e.lineNumber === "number" ? { line: e.lineNumber, column: (e.column ?? 0) + 1 } : null;
}

/** The rest of the template's line from a position. */
function textAt(source: string, loc: Loc): string {
  return (source.split(/\r?\n/)[loc.line - 1] ?? "").slice(loc.column - 1);
}

/** Handlebars' message without its trailing position or excerpt, and with a hint where one helps. */
function describe(error: unknown, source: string, loc: Loc, own: Loc | null): { message: string; hint?: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const field = raw.match(/^"(.+)" not defined in .*?(?: - \d+:\d+)?$/s);
  if (field) {
    // Handlebars names only the last part of a path; the template holds all of it.
    const path = (own && textAt(source, own).match(/^[\w@./-]+/)?.[0]) ?? field[1];
    return { message: `'${path}' is not a helper or a field of the report context here`, hint: CONTEXT_HINT };
  }
  const parse = raw.match(/^Parse error on line \d+:\n[\s\S]*\nExpecting .*, got '(\w+)'$/);
  if (parse) {
    const near = parse[1] === "EOF" ? "the template ends inside a block or a tag" : `unexpected '${textAt(source, loc).slice(0, 20)}'`;
    return { message: `template syntax error: ${near}`, hint: "check that every {{ has its }} and every {{#block}} its {{/block}}" };
  }
  if (raw.startsWith("Lexical error")) return { message: `template syntax error: unrecognised '${textAt(source, loc).slice(0, 20)}'`, hint: "a {{!-- comment --}} or a {{ tag }} is not closed" };
  return { message: (raw.split("\n")[0] ?? raw).replace(/ - \d+:\d+$/, "") };
}

/** A located diagnostic for a Handlebars error: its own position, or the given one. */
function diagnostic(file: string, source: string, error: unknown, fallback: Loc = { line: 1, column: 1 }): Diagnostic {
  const own = exceptionPosition(error);
  const loc = own ?? fallback;
  return { file, ...loc, ...describe(error, source, loc, own) };
}

/** Partials the template names that are not registered, with their positions. */
function missingPartials(ast: hbs.AST.Program, env: Env, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  class Partials extends Handlebars.Visitor {
    override PartialStatement(node: hbs.AST.PartialStatement) {
      const name = node.name.type === "PathExpression" ? (node.name as hbs.AST.PathExpression).original : null;
      if (name !== null && !(name in env.partials)) {
        found.push({ file, line: node.loc.start.line, column: node.loc.start.column + 1, message: `no partial named '${name}'`, hint: `the partials are ${Object.keys(env.partials).sort().join(", ")}` });
      }
    }
  }
  new Partials().accept(ast);
  return found;
}

/**
 * Compiles a report template in strict mode (a misspelt field is an error, not a silently empty
 * line in an audit report). Problems become InputErrors at `file:line:column`.
 */
export function compileTemplate(env: Env, source: string, file: string, noEscape: boolean): (context: object) => string {
  let ast: hbs.AST.Program;
  try {
    ast = env.parse(source);
  } catch (error) {
    throw new InputError([diagnostic(file, source, error, parserPosition())]);
  }
  const missing = missingPartials(ast, env, file);
  if (missing.length > 0) throw new InputError(missing);
  let render: (context: object) => string;
  try {
    render = env.compile(ast, { noEscape, strict: true, preventIndent: true });
  } catch (error) {
    throw new InputError([diagnostic(file, source, error)]);
  }
  return (context) => {
    try {
      return render(context);
    } catch (error) {
      throw new InputError([diagnostic(file, source, error)]);
    }
  };
}
