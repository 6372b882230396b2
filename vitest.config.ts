import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components; tests call domain code directly.
      "server-only": fileURLToPath(new URL("./tests/support/empty-module.ts", import.meta.url)),
    },
  },
  test: {
    environment: "node",
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    // The heavy reliability suites run with `npm run test:stress` (vitest.stress.config.ts).
    // tests/dev-mode runs `npm run dev` itself: `npm run test:dev-mode`, its own step of `npm test`.
    exclude: [...configDefaults.exclude, "tests/stress/**", "tests/dev-mode/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One embedded database is shared by every file; files run in parallel on separate schemas-free data.
    pool: "forks",
  },
});
