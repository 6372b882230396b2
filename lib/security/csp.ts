// Content-Security-Policy and the run-time security headers of every HTML page, computed PER
// REQUEST by proxy.ts from the run-time configuration (so PUSHER_HOST/PUSHER_PORT/
// PARLEY_CSP_CONNECT_SRC/PARLEY_IMAGE_HOSTS set only at start-up reach the header, and one build
// serves any configuration). Tested by tests/security/csp.test.ts and, in a real browser, by
// e2e/security.spec.ts. API responses get the fixed RESOURCE_CSP (next.config.mjs headers()).
//
// - script-src: 'self' (our chunks), the request's nonce (Next.js reads it from the
//   Content-Security-Policy request header set by proxy.ts and puts it on its own inline scripts,
//   which is why every page renders dynamically: app/layout.tsx), and the sha256 of the theme boot
//   script (lib/client/theme-script.ts, a constant). No 'unsafe-inline'.
// - connect-src: 'self' and exactly the configured realtime server: PUSHER_HOST[:PUSHER_PORT] with
//   the scheme of PUSHER_USE_TLS (the embedded server is one of these: the launcher sets them), or
//   hosted Pusher's ws-<cluster>.pusher.com; the S3 bucket's origin when S3 is configured (direct
//   attachment uploads PUT their parts there: lib/chat/attachments/direct.ts); plus PARLEY_CSP_CONNECT_SRC.
// - img-src: 'self' (uploads are served through /api/uploads, also from S3: the browser never
//   reads from storage), data:/blob: (previews), the message-image hosts (lib/chat/messages/
//   images.ts: PARLEY_IMAGE_HOSTS, none by default) and the avatar CDN of a configured OAuth
//   provider (GitHub, Google). Any other image host is blocked.
import { createHash } from "node:crypto";
import { allowedImageHosts } from "@/lib/chat/messages/images";
import { themeBootScript } from "@/lib/client/theme-script";
import { s3BrowserOrigin } from "@/lib/storage/s3-url";

type Env = Record<string, string | undefined>;

const words = (value: string | undefined) =>
  (value ?? "")
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter(Boolean);
/** A CSP source expression may not carry ';' or ',' (a new directive / policy) or quotes. */
const safeSource = (value: string) => /^[a-zA-Z0-9.:/*_+-]+$/.test(value) || /^'[a-z0-9-]+'$/.test(value);
const HOST = /^[a-zA-Z0-9.-]+$/;

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
/** The hash source of the inline theme boot script of the root layout. */
export const THEME_SCRIPT_HASH = sha256(themeBootScript);

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/** Where the browser's pusher-js connects, as a CSP source (lib/realtime/client.ts pusherOptions). */
function realtimeSources(env: Env): string[] {
  const tls = !["false", "0"].includes(env.PUSHER_USE_TLS ?? "true");
  const scheme = tls ? "wss" : "ws";
  const port = env.PUSHER_PORT && /^\d+$/.test(env.PUSHER_PORT) ? `:${env.PUSHER_PORT}` : "";
  if (env.PUSHER_HOST) return HOST.test(env.PUSHER_HOST) ? [`${scheme}://${env.PUSHER_HOST}${port}`] : [];
  const cluster = env.PUSHER_CLUSTER ?? "mt1";
  return /^[a-z0-9-]+$/.test(cluster) ? [`${scheme}://ws-${cluster}.pusher.com${port}`] : [];
}

function imageSources(env: Env): string[] {
  const hosts = allowedImageHosts(env)
    .filter((host) => HOST.test(host))
    .map((host) => `https://${host}`);
  if (env.AUTH_GITHUB_ID) hosts.push("https://avatars.githubusercontent.com");
  if (env.AUTH_GOOGLE_ID) hosts.push("https://*.googleusercontent.com");
  return hosts;
}

export function cspDirectives(env: Env = process.env, nonce?: string): Record<string, string[]> {
  const dev = env.NODE_ENV === "development";
  const bucket = s3BrowserOrigin(env);
  const connect = [
    "'self'",
    ...realtimeSources(env),
    ...(bucket && safeSource(bucket) ? [bucket] : []),
    ...words(env.PARLEY_CSP_CONNECT_SRC).filter(safeSource),
  ];
  if (dev) connect.push("ws:", "wss:"); // Next.js dev server HMR

  const formAction = ["'self'"];
  for (const url of [env.AUTH_GITHUB_AUTHORIZATION_URL, env.AUTH_OIDC_ISSUER]) {
    const origin = originOf(url);
    if (origin) formAction.push(origin);
  }
  if (env.AUTH_GITHUB_ID) formAction.push("https://github.com");
  if (env.AUTH_GOOGLE_ID) formAction.push("https://accounts.google.com");

  const script = [
    "'self'",
    ...(nonce && /^[A-Za-z0-9+/=]+$/.test(nonce) ? [`'nonce-${nonce}'`] : []),
    THEME_SCRIPT_HASH,
    "'report-sample'",
  ];
  if (dev) script.push("'unsafe-eval'"); // React's dev-only error overlays
  return {
    "default-src": ["'self'"],
    "script-src": script,
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": [...new Set(["'self'", "data:", "blob:", ...imageSources(env)])],
    "font-src": ["'self'", "data:"],
    "connect-src": [...new Set(connect)],
    "media-src": ["'self'", "blob:"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": [...new Set(formAction)],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
  };
}

/** The header value of a page. */
export function contentSecurityPolicy(env: Env = process.env, nonce?: string): string {
  return Object.entries(cspDirectives(env, nonce))
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Strict-Transport-Security when the site is served over https (NEXTAUTH_URL), in production. */
export function hstsHeader(env: Env = process.env): string | null {
  if (env.NODE_ENV !== "production" || !env.NEXTAUTH_URL?.startsWith("https://")) return null;
  return "max-age=63072000";
}
