// Content-Security-Policy of every page and API response (next.config.mjs headers()).
// Plain ESM so next.config.mjs can import it; typed by csp.d.mts; tested by tests/security/csp.test.ts
// and, in a real browser, by e2e/security.spec.ts.
//
// Next.js computes headers() at BUILD time (they land in .next/routes-manifest.json), so whatever
// is only known at run time must be covered by a source expression that holds for every run:
// - the embedded realtime server listens on a port chosen at start-up → ws://127.0.0.1:* and
//   ws://localhost:* (loopback only); a realtime host configured at build time (PUSHER_HOST/PORT)
//   is added exactly; hosted Pusher is wss://ws-<cluster>.pusher.com (any cluster: *.pusher.com);
//   PARLEY_CSP_CONNECT_SRC adds more (space-separated) for self-hosted realtime set only at run time.
// - script-src needs 'unsafe-inline': Next.js streams its RSC payload in inline <script>s and the
//   theme boot script is inline. Nonces would need a per-request nonce from proxy.ts on every page
//   (and dynamic rendering of all of them) — see docs/SECURITY.md. XSS is prevented by React's
//   escaping (tested by e2e/security.spec.ts); the CSP still blocks every external script host,
//   plugins (object-src), <base> hijacking, framing and form posts elsewhere.
// - img-src allows https: because avatars may be any https URL (lib/users/profile.ts) and OAuth
//   avatars come from the provider's CDN; message images are restricted further by the server
//   (lib/chat/images.ts allowed hosts).

/** @param {string | undefined} value */
const words = (value) => (value ?? "").split(/[\s,]+/).map((w) => w.trim()).filter(Boolean);

/** @param {string | undefined} value */
function originOf(value) {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string[]>}
 */
export function cspDirectives(env = process.env) {
  const dev = env.NODE_ENV === "development";
  const connect = ["'self'", "ws://127.0.0.1:*", "ws://localhost:*", "wss://*.pusher.com"];
  if (env.PUSHER_CLUSTER && /^[a-z0-9-]+$/.test(env.PUSHER_CLUSTER) && env.PUSHER_CLUSTER !== "local") {
    connect.push(`wss://ws-${env.PUSHER_CLUSTER}.pusher.com`);
  }
  if (env.PUSHER_HOST && /^[a-zA-Z0-9.-]+$/.test(env.PUSHER_HOST)) {
    const port = env.PUSHER_PORT && /^\d+$/.test(env.PUSHER_PORT) ? `:${env.PUSHER_PORT}` : ":*";
    connect.push(`ws://${env.PUSHER_HOST}${port}`, `wss://${env.PUSHER_HOST}${port}`);
  }
  connect.push(...words(env.PARLEY_CSP_CONNECT_SRC));
  if (dev) connect.push("ws:", "wss:"); // Next.js dev server HMR

  const formAction = ["'self'"];
  for (const url of [env.AUTH_GITHUB_AUTHORIZATION_URL, env.AUTH_OIDC_ISSUER]) {
    const origin = originOf(url);
    if (origin) formAction.push(origin);
  }
  if (env.AUTH_GITHUB_ID) formAction.push("https://github.com");
  if (env.AUTH_GOOGLE_ID) formAction.push("https://accounts.google.com");

  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'report-sample'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
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

/** The header value. @param {Record<string, string | undefined>} env */
export function contentSecurityPolicy(env = process.env) {
  return Object.entries(cspDirectives(env))
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Every security header of next.config.mjs besides the ones it already had. @param {Record<string, string | undefined>} env */
export function securityHeaders(env = process.env) {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(env) },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ];
}
