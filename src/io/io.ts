/** Everything the CLI touches outside itself, passed in so tests can run it in-process. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** The terminal's width in columns, when standard output is one. */
  columns?: number;
}

/**
 * A writer for a standard stream that goes quiet once the reader has gone away (`rml-assess
 * principles | head`): a closed pipe is the reader's choice, not an error worth a stack trace.
 */
function streamWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let open = true;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    open = false;
  });
  return (text) => void (open && stream.write(text));
}

/** The real process's IO, used by bin/. */
export function processIo(): Io {
  return {
    stdout: streamWriter(process.stdout),
    stderr: streamWriter(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    columns: process.stdout.columns || undefined,
  };
}
