/** System errors as users should read them, for every command that writes. */

/** Why a write failed, in words. */
export function reasonFor(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  const reasons: Record<string, string> = {
    ENOENT: "its directory does not exist", EACCES: "permission denied", EPERM: "permission denied", EISDIR: "it is a directory",
    ENOTDIR: "a part of its path is a file, not a directory", EROFS: "the file system is read-only", ENOSPC: "the disk is full",
    EDQUOT: "the disk quota is used up", EFBIG: "the file would be larger than the system allows", EIO: "the device reported an input/output error",
    ENAMETOOLONG: "its name is too long for the file system",
    EREADONLY: "the file is read-only (a shell's > would refuse it too)",
    ENOTREGULAR: "it is not a regular file, a FIFO or a character device (a block device or socket)",
    ESTICKYLINK: "it is a symbolic link in a shared sticky directory (like /tmp) that belongs to someone else, so it is not followed",
    ELOOP: "it is a loop of symbolic links",
  };
  return reasons[code] ?? code;
}

/** Errors of the environment (a full disk, a used-up quota, a file too large): not a bug, and not the input's fault. */
export const ENVIRONMENT_ERRORS = new Set(["ENOSPC", "EDQUOT", "EFBIG"]);
