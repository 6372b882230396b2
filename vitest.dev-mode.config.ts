// `npm run test:dev-mode`: checks that run `npm run dev` itself (tests/dev-mode). A dev server
// compiles each page on its first request, so these run alone, after the parallel Vitest run.
import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/dev-mode/**/*.test.ts"],
    exclude: configDefaults.exclude,
    // the dev server is started from the test; the embedded database of the global setup is not needed
    globalSetup: [],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
