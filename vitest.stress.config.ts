// `npm run test:stress`: the heavy reliability suites (tests/stress) plus the fuzz suite at a larger
// scale with a fresh seed. Same real embedded database and realtime server as `npm test`
// (tests/support/global-setup.ts); one file at a time so the figures are not skewed by each other.
import { configDefaults, defineConfig } from "vitest/config";
import base from "./vitest.config";

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // replaces (not extends) the unit/integration include list of vitest.config.ts
    include: ["tests/stress/**/*.test.ts", "tests/security/fuzz.test.ts"],
    exclude: configDefaults.exclude,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    env: { FUZZ_SCALE: process.env.FUZZ_SCALE ?? "3", FUZZ_SEED: process.env.FUZZ_SEED ?? "random" },
  },
});
