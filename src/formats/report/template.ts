import Handlebars from "handlebars";
import { InputError, type Diagnostic } from "../../errors.js";

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

/** Names every object inherits (constructor, __proto__, toString...): never fields of the report context. */
const INHERITED = new Set(["__proto__", ...Object.getOwnPropertyNames(Object.prototype)]);

const notAField = (name: string) => `'${name}' is not a field of the report context (a template reads only the fields listed)`;

/** Paths in the template that name an inherited property (`{{constructor}}`), which Handlebars would render as nothing. */
function prototypeFields(ast: hbs.AST.Program, file: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  class Paths extends Handlebars.Visitor {
    override PathExpression(node: hbs.AST.PathExpression) {
      const name = node.parts.find((part) => INHERITED.has(part));
      if (name !== undefined) found.push({ file, line: node.loc.start.line, column: node.loc.start.column + 1, message: notAField(name), hint: CONTEXT_HINT });
    }
  }
  new Paths().accept(ast);
  return found;
}

/**
 * A template is trusted, code-adjacent input, but it still reads only what the context holds:
 * `lookup` of a field the object does not own is an error (Handlebars would render nothing), and
 * `log` writes nowhere (Handlebars would write to the console, into the command's output).
 */
function registerGuards(env: Env): void {
  env.registerHelper("lookup", (obj: unknown, field: unknown, options: { loc?: hbs.AST.SourceLocation }) => {
    if (obj !== null && typeof obj === "object" && Object.hasOwn(obj, String(field))) return (obj as Record<string, unknown>)[String(field)];
    throw new Handlebars.Exception(notAField(String(field)), { loc: options.loc } as hbs.AST.Node);
  });
  env.registerHelper("log", () => "");
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
  const missing = [...missingPartials(ast, env, file), ...prototypeFields(ast, file)];
  if (missing.length > 0) throw new InputError(missing);
  registerGuards(env);
  let render: (context: object) => string;
  try {
    render = env.compile(ast, { noEscape, strict: true, preventIndent: true });
  } catch (error) {
    throw new InputError([diagnostic(file, source, error)]);
  }
  return (context) => {
    const logger = env.logger as { log: (level: unknown, ...message: unknown[]) => void };
    const log = logger.log;
    let denied: string | undefined;
    // Handlebars writes to the console through its logger: a field it refuses to read (a property
    // of a prototype: `{{lookup this "constructor"}}`) and `{{log}}`. Neither reaches the console;
    // a refused field is an error, as a missing one is in strict mode.
    logger.log = (_level, ...message) => {
      const property = String(message[0] ?? "").match(/^Handlebars: Access has been denied to resolve the property "(.+?)"/);
      if (property) denied ??= property[1];
    };
    let text: string;
    try {
      text = render(context);
    } catch (error) {
      throw new InputError([diagnostic(file, source, error)]);
    } finally {
      logger.log = log;
    }
    if (denied !== undefined) throw new InputError([deniedField(file, source, denied)]);
    return text;
  };
}

/** A field Handlebars refused to read (not the object's own), located at its first mention in the template. */
function deniedField(file: string, source: string, property: string): Diagnostic {
  const lines = source.split(/\r?\n/);
  const line = Math.max(0, lines.findIndex((l) => l.includes(property)));
  const column = Math.max(0, (lines[line] ?? "").indexOf(property)) + 1;
  return { file, line: line + 1, column, message: `'${property}' is not a field of the report context (a template reads only the fields listed)`, hint: CONTEXT_HINT };
}
