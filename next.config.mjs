import { execFileSync } from "node:child_process";

// What every response carries. The Content-Security-Policy of pages (with a per-request nonce and
// the run-time realtime host) and HSTS are set per request by proxy.ts (lib/security/csp.ts);
// API responses (JSON, served uploads) get the fixed, stricter RESOURCE_CSP below.
const STATIC_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  // Calls (issue 18) need the camera, microphone and screen capture, for this origin only.
  { key: "Permissions-Policy", value: "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
export const RESOURCE_CSP = "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The build id, the same on every instance that runs this build: PARLEY_BUILD_ID, else the CI's
 * commit (VERCEL_GIT_COMMIT_SHA, GITHUB_SHA), else `git rev-parse HEAD` of a clean checkout; else
 * (no git, or uncommitted changes) Next.js's default, a random id. Build once, ship `.next`.
 * @param {Record<string, string | undefined>} env
 * @returns {string | null}
 */
export function buildIdFrom(env = process.env) {
  const clean = (/** @type {string | undefined} */ value) =>
    (value ?? "")
      .trim()
      .replace(/[^A-Za-z0-9_-]/g, "")
      .slice(0, 64);
  const declared = clean(env.PARLEY_BUILD_ID) || clean(env.VERCEL_GIT_COMMIT_SHA) || clean(env.GITHUB_SHA);
  if (declared) return declared;
  try {
    const git = (/** @type {string[]} */ args) =>
      execFileSync("git", args, { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim();
    const head = clean(git(["rev-parse", "HEAD"]));
    return head && git(["status", "--porcelain", "--untracked-files=no"]) === "" ? head : null;
  } catch {
    return null;
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // `*.dev.tsx` pages (the /dev/mail outbox viewer) exist only in development: a production build
  // does not see them at all.
  pageExtensions: process.env.NODE_ENV === "production" ? ["tsx", "ts", "jsx", "js"] : ["dev.tsx", "tsx", "ts", "jsx", "js"],
  poweredByHeader: false,
  // Prisma's generated client and the pg driver are loaded by Node at run time, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs"],
  // The settings page's profile action carries an avatar of up to 5 MB (lib/storage/images.ts);
  // every action still validates its own input (zod) and its file's size and type.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  generateBuildId: async () => buildIdFrom(process.env),
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: RESOURCE_CSP }] },
    ];
  },
};

export default nextConfig;
