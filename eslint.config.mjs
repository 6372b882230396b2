import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    // lib/embedded/ is dev and test machinery (embedded PostgreSQL, embedded Pusher-protocol server, the
    // `npm run dev`/`npm start` launcher). The app must run the same against a real database and hosted
    // Pusher, so nothing the app bundles may depend on it. Scripts, tests, bench and e2e may.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts"],
    ignores: ["lib/embedded/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "@/lib/embedded",
                "@/lib/embedded/**",
                "**/lib/embedded",
                "**/lib/embedded/**",
                "../embedded/**",
                "../../embedded/**",
              ],
              message: "lib/embedded/ is dev-only machinery (see lib/embedded/README.md); app code must not import it.",
            },
          ],
        },
      ],
    },
  },
  {
    // Node preloads passed with --require (scripts/peer-address.cjs) are CommonJS by necessity.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];

export default config;
