import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Import direction from ARCHITECTURE.md, enforced: each folder may import only what its row allows. */
const forbid = (...folders) => ({
  "no-restricted-imports": [
    "error",
    {
      // A regex, because gitignore-style groups do not match relative paths such as "../../worker/x".
      patterns: folders.map((f) => ({ regex: `(^|/)${f}(/|$)`, message: "Breaks the layering in ARCHITECTURE.md" })),
    },
  ],
});

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", ".tmp/", "next-env.d.ts", "bench/results/", "test-results/", "playwright-report/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["lib/**"], rules: forbid("db", "server", "worker", "app") },
  { files: ["db/**"], ignores: ["db/testing/**"], rules: forbid("server", "worker", "app") },
  // Tests may use fixtures from anywhere; production code keeps the direction.
  { files: ["server/domain/**"], ignores: ["**/*.test.ts"], rules: forbid("api", "realtime", "worker", "app") },
  { files: ["server/**", "worker/**"], ignores: ["server/domain/**", "**/*.test.ts"], rules: forbid("app") },
  { files: ["app/**"], ignores: ["app/api/**"], rules: forbid("db", "worker", "server/domain", "server/auth", "server/jobs") },
  // Route handlers (next-auth) may reach the auth module, nothing deeper.
  { files: ["app/api/**"], rules: forbid("db", "worker", "server/domain", "server/jobs") },
);
