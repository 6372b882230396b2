// What every response carries. The Content-Security-Policy of pages (with a per-request nonce and
// the run-time realtime host) and HSTS are set per request by proxy.ts (lib/security/csp.ts);
// API responses (JSON, served uploads) get the fixed, stricter RESOURCE_CSP below.
const STATIC_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];
export const RESOURCE_CSP = "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Prisma's generated client and the pg driver are loaded by Node at run time, not bundled.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "bcryptjs"],
  // The settings page's profile action carries an avatar of up to 5 MB (lib/storage/images.ts);
  // every action still validates its own input (zod) and its file's size and type.
  experimental: { serverActions: { bodySizeLimit: "6mb" } },
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: RESOURCE_CSP }] },
    ];
  },
};

export default nextConfig;
