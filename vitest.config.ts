import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**/*.spec.ts", ".data/**", ".next/**"],
    globalSetup: ["./vitest.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Dovecot-based tests and the database share one machine: keep parallelism modest.
    maxWorkers: 2,
  },
});
