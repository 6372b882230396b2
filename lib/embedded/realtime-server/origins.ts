/**
 * The Origin allow-list for the app the server serves. Pages of the app are loaded from its public
 * URL (NEXTAUTH_URL); on a developer's machine the same server also answers on the other loopback
 * name, so both localhost and 127.0.0.1 are allowed for a loopback URL. `extra` is a comma-separated
 * list of further origins (PARLEY_REALTIME_ALLOWED_ORIGINS). Undefined when nothing is known:
 * the server then allows any origin.
 */
export function appOrigins(appUrl: string | undefined, extra = ""): string[] | undefined {
  const origins = new Set<string>();
  if (appUrl) {
    const url = new URL(appUrl);
    origins.add(url.origin);
    const loopback = ["localhost", "127.0.0.1", "[::1]"];
    if (loopback.includes(url.hostname)) {
      for (const host of loopback) origins.add(`${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`);
    }
  }
  for (const origin of extra.split(",").map((part) => part.trim())) if (origin) origins.add(new URL(origin).origin);
  return origins.size > 0 ? [...origins] : undefined;
}
