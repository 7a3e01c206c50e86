import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node.js";

/** A diagnostic as the Language Server Protocol publishes it. */
export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  message: string;
}

/** Severity numbers of the protocol. */
export const SEVERITY = { error: 1, warning: 2 } as const;

/** How long one request may take before the test fails saying which one. */
const REQUEST_MS = 20_000;

/** Rejects with a message naming `what` when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, what: string, ms = REQUEST_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`yaml-language-server gave no ${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The `yaml-language-server` npm package run over stdio, as an editor runs it, and spoken to in
 * JSON-RPC (vscode-jsonrpc): no editor, the same server VS Code's YAML extension and other LSP
 * clients start.
 */
export class YamlLanguageServer {
  private readonly child: ChildProcess;
  private readonly connection: MessageConnection;
  private readonly diagnostics = new Map<string, { version: number | undefined; items: LspDiagnostic[] }[]>();
  private readonly waiters: (() => void)[] = [];
  private stderr = "";

  constructor() {
    const pkg = createRequire(import.meta.url).resolve("yaml-language-server/package.json");
    this.child = spawn(process.execPath, [join(dirname(pkg), "bin", "yaml-language-server"), "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr!.on("data", (chunk: Buffer) => void (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (p: { uri: string; version?: number; diagnostics: LspDiagnostic[] }) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push({ version: p.version, items: p.diagnostics });
      this.diagnostics.set(p.uri, list);
      for (const wake of this.waiters.splice(0)) wake();
    });
    // The server asks for its settings: validation, hover and completion on, and nothing fetched
    // from the network (the JSON Schema Store's catalogue, Kubernetes schemas); other sections default.
    const yaml = { validate: true, hover: true, completion: true, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false } };
    this.connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === "yaml" ? yaml : null)));
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onNotification(() => undefined);
    this.connection.listen();
  }

  /** What the server wrote to stderr, for failure messages. */
  get log(): string {
    return this.stderr;
  }

  /** The initialize handshake, with a workspace folder and the capabilities an editor announces. */
  async start(root: string): Promise<void> {
    await within(this.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: "answers" }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          completion: { completionItem: { documentationFormat: ["markdown", "plaintext"], snippetSupport: true } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    }), "reply to initialize");
    await this.connection.sendNotification("initialized", {});
  }

  /** Opens a document with its text, as an editor does when a file is opened. */
  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  }

  /** The first diagnostics published for `uri` that satisfy `ready` (the server may publish more than once). */
  async diagnosticsFor(uri: string, ready: (items: LspDiagnostic[]) => boolean = () => true): Promise<LspDiagnostic[]> {
    const found = () => this.diagnostics.get(uri)?.find((d) => ready(d.items))?.items;
    const wait = new Promise<LspDiagnostic[]>((resolve) => {
      const check = () => {
        const items = found();
        if (items) resolve(items);
        else this.waiters.push(check);
      };
      check();
    });
    return within(wait, `diagnostics for ${uri}`).catch((error: Error) => {
      const last = this.diagnostics.get(uri)?.at(-1)?.items;
      throw new Error(`${error.message} as expected; the last it published: ${last ? JSON.stringify(last.map((d) => [d.range.start.line, d.message])) : "none"}`);
    });
  }

  /** The completion items offered at a position (0-based line and character). */
  async completion(uri: string, line: number, character: number): Promise<{ label: string; documentation?: unknown }[]> {
    const result = await within(this.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line, character } }), "completion");
    return Array.isArray(result) ? result : ((result as { items?: { label: string }[] } | null)?.items ?? []);
  }

  /** The hover text at a position (0-based), as one string. */
  async hover(uri: string, line: number, character: number): Promise<string> {
    const result = await within(this.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character } }), "hover") as { contents?: unknown } | null;
    const contents = result?.contents;
    if (!contents) return "";
    if (typeof contents === "string") return contents;
    if (Array.isArray(contents)) return contents.map((c) => (typeof c === "string" ? c : (c as { value: string }).value)).join("\n");
    return (contents as { value: string }).value;
  }

  /** Shuts the server down politely, then kills it if it has not exited. */
  async stop(): Promise<void> {
    try {
      await within(this.connection.sendRequest("shutdown"), "reply to shutdown", 5_000);
      await this.connection.sendNotification("exit");
    } catch {
      // Killed below.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
