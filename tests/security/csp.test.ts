// The Content-Security-Policy of pages, computed per request by proxy.ts from the run-time
// configuration (lib/security/csp.ts), and the fixed headers of next.config.mjs. The header on a
// real production build, and that the app works under it, is e2e/security.spec.ts.
import { createHash } from "node:crypto";
import path from "node:path";
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { themeBootScript } from "@/lib/client/theme-script";
import { contentSecurityPolicy, cspDirectives } from "@/lib/security/csp";
import { config as proxyConfig, proxy } from "@/proxy";

const prod = { NODE_ENV: "production" };
const embedded = { ...prod, PUSHER_HOST: "127.0.0.1", PUSHER_PORT: "6123", PUSHER_USE_TLS: "false", PUSHER_CLUSTER: "local" };

describe("Content-Security-Policy", () => {
  it("is strict where it can be: no inline script without the nonce, no foreign scripts, no plugins, no framing", () => {
    const d = cspDirectives(prod, "bm9uY2U=");
    const themeHash = `'sha256-${createHash("sha256").update(themeBootScript).digest("base64")}'`;
    expect(d["default-src"]).toEqual(["'self'"]);
    expect(d["script-src"]).toEqual(["'self'", "'nonce-bm9uY2U='", themeHash, "'report-sample'"]); // no 'unsafe-inline', no 'unsafe-eval'
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["base-uri"]).toEqual(["'self'"]);
    expect(d["form-action"]).toEqual(["'self'"]);
  });

  it("lets the browser PUT direct-upload parts to the configured S3 bucket only", () => {
    const s3 = { S3_BUCKET: "parley-files", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" };
    expect(cspDirectives({ ...prod, ...s3, S3_REGION: "eu-west-1" })["connect-src"]).toContain(
      "https://parley-files.s3.eu-west-1.amazonaws.com",
    );
    expect(cspDirectives({ ...prod, ...s3, S3_ENDPOINT: "https://minio.example:9000/" })["connect-src"]).toContain(
      "https://minio.example:9000",
    );
    expect(cspDirectives({ ...prod, S3_BUCKET: "parley-files" })["connect-src"]).toEqual(["'self'", "wss://ws-mt1.pusher.com"]);
  });

  it("lets the browser reach exactly the configured realtime server", () => {
    expect(cspDirectives(embedded)["connect-src"]).toEqual(["'self'", "ws://127.0.0.1:6123"]);
    expect(cspDirectives({ ...prod, PUSHER_CLUSTER: "eu" })["connect-src"]).toEqual(["'self'", "wss://ws-eu.pusher.com"]);
    expect(cspDirectives(prod)["connect-src"]).toEqual(["'self'", "wss://ws-mt1.pusher.com"]);
    expect(cspDirectives({ ...prod, PUSHER_HOST: "rt.example.com", PUSHER_PORT: "443" })["connect-src"]).toEqual([
      "'self'",
      "wss://rt.example.com:443",
    ]);
    expect(cspDirectives({ ...prod, PARLEY_CSP_CONNECT_SRC: "wss://a.example https://b.example" })["connect-src"]).toEqual(
      expect.arrayContaining(["wss://a.example", "https://b.example"]),
    );
  });

  it("allows images only from the app and the configured image hosts", () => {
    // No external image host by default (security round 2, item 11): only PARLEY_IMAGE_HOSTS adds one.
    expect(cspDirectives(prod)["img-src"]).toEqual(["'self'", "data:", "blob:"]);
    expect(cspDirectives({ ...prod, PARLEY_IMAGE_HOSTS: "cdn.example.com", AUTH_GITHUB_ID: "id" })["img-src"]).toEqual(
      expect.arrayContaining(["https://cdn.example.com", "https://avatars.githubusercontent.com"]),
    );
    expect(cspDirectives(prod)["img-src"]).not.toContain("https:");
  });

  it("never lets configuration inject directives", () => {
    const header = contentSecurityPolicy({
      ...prod,
      PUSHER_HOST: "x; script-src *",
      PUSHER_CLUSTER: "eu; object-src *",
      PARLEY_CSP_CONNECT_SRC: "a;script-src",
      PARLEY_IMAGE_HOSTS: "b;object-src",
    });
    expect(header).not.toContain("script-src *");
    expect(header).not.toContain("object-src *");
    const names = header.split("; ").map((d) => d.split(" ")[0]);
    expect(names).toEqual(Object.keys(cspDirectives(prod))); // each directive once, no injected one
    expect(header).not.toMatch(/[,;](script|object)-src/);
  });

  it("adds the OAuth authorization origins to form-action only when configured", () => {
    const d = cspDirectives({ ...prod, AUTH_GITHUB_ID: "id", AUTH_OIDC_ISSUER: "https://id.example.com/realms/x" });
    expect(d["form-action"]).toEqual(["'self'", "https://id.example.com", "https://github.com"]);
  });
});

describe("proxy.ts: the CSP per request, from the run-time configuration", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("sets a fresh nonce on the response and on the request (for Next.js's scripts), with the realtime host of this run", async () => {
    Object.assign(process.env, { PUSHER_HOST: "rt.runtime.example", PUSHER_PORT: "7443", PUSHER_USE_TLS: "true" });
    const first = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    const second = await proxy(new NextRequest("http://localhost:3000/sign-in"));
    const csp = first.headers.get("content-security-policy")!;
    expect(csp).toContain("connect-src 'self' wss://rt.runtime.example:7443");
    const nonce = /'nonce-([A-Za-z0-9+/=]{16,})'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).not.toContain("'unsafe-inline' 'report-sample'");
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    expect(first.headers.get("strict-transport-security")).toBeNull(); // not https
  });

  it("adds HSTS when the site is https in production", async () => {
    Object.assign(process.env, { NODE_ENV: "production", NEXTAUTH_URL: "https://chat.example.com" });
    const response = await proxy(new NextRequest("https://chat.example.com/"));
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000");
  });

  it("still sends a signed-out visitor of a protected page to sign-in", async () => {
    const response = await proxy(new NextRequest("http://localhost:3000/chat/abc?x=1"));
    expect(response.headers.get("location")).toBe("http://localhost:3000/sign-in?callbackUrl=%2Fchat%2Fabc%3Fx%3D1");
  });

  it("runs on every HTML page, not on the API, Next's static files or public/ files", () => {
    const matches = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });
    for (const page of ["/", "/sign-in", "/sign-up?x=1", "/chat", "/chat/abc", "/settings", "/nope"])
      expect(matches(page), page).toBe(true);
    for (const other of ["/api/health", "/api/uploads/a/b.png", "/_next/static/chunks/x.js", "/favicon.ico", "/icon.svg"]) {
      expect(matches(other), other).toBe(false);
    }
  });
});

describe("next.config.mjs", () => {
  it("sends the fixed headers everywhere and a strict CSP on API responses; no page CSP frozen at build time", async () => {
    const file = path.join(import.meta.dirname, "../../next.config.mjs"); // untyped .mjs: imported by path
    const config = ((await import(/* @vite-ignore */ file)) as { default: unknown }).default as {
      headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const rules = await config.headers();
    const all = rules.find((r) => r.source === "/:path*")!;
    expect(all.headers.map((h) => h.key)).toEqual(
      expect.arrayContaining(["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy"]),
    );
    expect(all.headers.map((h) => h.key)).not.toContain("Content-Security-Policy");
    const api = rules.find((r) => r.source === "/api/:path*")!;
    expect(api.headers).toEqual([{ key: "Content-Security-Policy", value: expect.stringContaining("default-src 'none'") }]);
  });
});
