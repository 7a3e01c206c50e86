import { spawnSync } from "node:child_process";

/**
 * Runs a command with its standard output a pipe set non-blocking (as a parent sharing its own
 * can leave it), read only after a pause, so the pipe is full when the CLI writes. Python sets
 * the flag: Node gives a child no way to.
 */
export function throughFullNonBlockingPipe(argv: string[], opts: { cwd: string; env: Record<string, string | undefined> }): { code: number; stdout: string; stderr: string } {
  const script = `
import fcntl, os, subprocess, sys, time
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
p = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
time.sleep(0.5)
out = []
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    out.append(chunk)
err = p.stderr.read()
p.wait()
sys.stdout.buffer.write(b"".join(out))
sys.stderr.buffer.write(err + ("\\nexit %d" % p.returncode).encode())
`;
  const r = spawnSync("python3", ["-c", script, ...argv], { cwd: opts.cwd, env: opts.env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const [stderr, code] = r.stderr.split(/\nexit (\d+)$/);
  return { code: Number(code), stdout: r.stdout, stderr: stderr ?? "" };
}

export const hasPython = spawnSync("python3", ["--version"]).status === 0;
