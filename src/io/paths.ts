import { isAbsolute, relative } from "node:path";

/** A path as users should read it: relative to the working directory when it lies inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
