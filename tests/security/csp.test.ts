// The Content-Security-Policy builder (lib/security/csp.mjs) and its use in next.config.mjs. The
// header on a real production build, and that the app works under it, is e2e/security.spec.ts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, cspDirectives } from "@/lib/security/csp.mjs";

const prod = { NODE_ENV: "production" };

describe("Content-Security-Policy", () => {
  it("is strict where it can be: no foreign scripts, no plugins, no framing, no <base> hijack", () => {
    const d = cspDirectives(prod);
    expect(d["default-src"]).toEqual(["'self'"]);
    expect(d["script-src"]).toEqual(["'self'", "'unsafe-inline'", "'report-sample'"]); // no hosts, no 'unsafe-eval' in production
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
    expect(d["img-src"]).toEqual(expect.arrayContaining(["'self'", "data:", "blob:"]));
  });

  it("lets the browser reach the realtime server: embedded (loopback, any port), configured host, hosted Pusher", () => {
    expect(cspDirectives(prod)["connect-src"]).toEqual(["'self'", "ws://127.0.0.1:*", "ws://localhost:*", "wss://*.pusher.com"]);
    const configured = cspDirectives({ ...prod, PUSHER_HOST: "rt.example.com", PUSHER_PORT: "6001", PUSHER_CLUSTER: "eu" })["connect-src"];
    expect(configured).toEqual(expect.arrayContaining(["ws://rt.example.com:6001", "wss://rt.example.com:6001", "wss://ws-eu.pusher.com"]));
    expect(cspDirectives({ ...prod, PARLEY_CSP_CONNECT_SRC: "wss://a.example https://b.example" })["connect-src"]).toEqual(
      expect.arrayContaining(["wss://a.example", "https://b.example"]),
    );
  });

  it("never lets configuration inject directives", () => {
    const header = contentSecurityPolicy({ ...prod, PUSHER_HOST: "x; script-src *", PUSHER_CLUSTER: "eu; object-src *" });
    expect(header).not.toContain("script-src *");
    expect(header).not.toContain("object-src *");
  });

  it("adds the OAuth authorization origins to form-action only when configured", () => {
    const d = cspDirectives({ ...prod, AUTH_GITHUB_ID: "id", AUTH_OIDC_ISSUER: "https://id.example.com/realms/x" });
    expect(d["form-action"]).toEqual(["'self'", "https://id.example.com", "https://github.com"]);
  });

  it("is served on every path by next.config.mjs, next to the existing headers", async () => {
    const file = path.join(import.meta.dirname, "../../next.config.mjs"); // untyped .mjs: imported by path
    const config = ((await import(/* @vite-ignore */ file)) as { default: unknown }).default as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    const all = rules.find((r) => r.source === "/:path*")!;
    const keys = all.headers.map((h) => h.key);
    expect(keys).toEqual(expect.arrayContaining(["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"]));
    expect(all.headers.find((h) => h.key === "Content-Security-Policy")!.value).toContain("frame-ancestors 'none'");
  });
});
