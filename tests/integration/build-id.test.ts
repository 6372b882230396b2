// The Next.js build id comes from the commit (next.config.mjs generateBuildId), so every instance
// running one build agrees on it and a rebuild of the same commit does not change it:
// build once, ship `.next`.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

type Config = { generateBuildId: () => Promise<string | null>; buildIdFrom: (env: Record<string, string | undefined>) => string | null };
const file = path.join(import.meta.dirname, "../../next.config.mjs"); // untyped .mjs: imported by path
const load = async () => {
  const config = (await import(/* @vite-ignore */ file)) as {
    default: { generateBuildId?: Config["generateBuildId"] };
    buildIdFrom?: Config["buildIdFrom"];
  };
  return { generateBuildId: config.default.generateBuildId, buildIdFrom: config.buildIdFrom };
};

describe("next.config.mjs generateBuildId", () => {
  it("is declared", async () => {
    expect(typeof (await load()).generateBuildId).toBe("function");
  });

  it("uses PARLEY_BUILD_ID, else the CI's commit, else the git commit of a clean checkout", async () => {
    const { buildIdFrom } = await load();
    expect(buildIdFrom!({ PARLEY_BUILD_ID: "release-42", VERCEL_GIT_COMMIT_SHA: "abc" })).toBe("release-42");
    expect(buildIdFrom!({ VERCEL_GIT_COMMIT_SHA: "0123456789abcdef" })).toBe("0123456789abcdef");
    expect(buildIdFrom!({ PARLEY_BUILD_ID: "../x y;" })).toBe("xy"); // only [A-Za-z0-9_-]: it names a folder under .next/static
    const head = execFileSync("git", ["rev-parse", "HEAD"]).toString().trim();
    const clean = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"]).toString().trim() === "";
    expect(buildIdFrom!({})).toBe(clean ? head : null); // null: Next.js's default (random) id
  });
});
