import { securityHeaders } from "./lib/security/csp.mjs";

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
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // Content-Security-Policy and friends (lib/security/csp.mjs; computed at build time).
          ...securityHeaders(process.env),
        ],
      },
    ];
  },
};

export default nextConfig;
