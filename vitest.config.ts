import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Unit test files that replace a module with vi.mock: they need a module registry of their own. */
const MOCKING = ["tests/unit/main.test.ts", "tests/unit/read-swap.test.ts", "tests/unit/write.test.ts"];

export default defineConfig({
  test: {
    globalSetup: ["tests/helpers/global-setup.ts"],
    // Vitest runs cores - 1 files at once: one at a time on a 2-core machine. Most of an end-to-end
    // file's time is a child process (the binary, Chromium, Java, npm), so one file per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        // Unit tests share their threads' module registry: src/ is loaded (and transformed) once per
        // thread instead of once per file. They keep no state between files (no mocks, no globals,
        // no environment changes), so sharing changes nothing they see.
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], exclude: MOCKING, pool: "threads", isolate: false },
      },
      { extends: true, test: { name: "unit-mocking", include: MOCKING, pool: "threads" } },
      // End-to-end files run in child processes (forks), as before, and share each fork's module
      // registry too: they change nothing in the test process (no mocks, environment, directory or
      // process listeners); what they start (the binary, Chromium, Java, npm) are child processes
      // each file ends itself.
      { extends: true, test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], pool: "forks", isolate: false } },
    ],
  },
});
