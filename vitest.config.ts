import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Vitest runs cores - 1 files at once: one at a time on a 2-core machine. Most of a test file's
    // time is a child process (the binary, Chromium, Java, npm), so one file per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
