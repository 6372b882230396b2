// What every route handler needs to know about a request: whether it came from this site (CSRF),
// its body read up to a limit (never past it, chunked or not), its query and its client address.
import "server-only";
import { AppError } from "@/lib/errors";

function originOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** This site's origin from NEXTAUTH_URL (the launcher always sets it). */
export function siteOrigin(): string | undefined {
  return originOf(process.env.NEXTAUTH_URL) ?? undefined;
}

function allowedOrigins(request: Request): Set<string> {
  const allowed = new Set([new URL(request.url).origin]);
  const configured = siteOrigin();
  if (configured) allowed.add(configured);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (host) {
    const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
    allowed.add(`${proto.split(",")[0]!.trim()}://${host.split(",")[0]!.trim()}`);
  }
  return allowed;
}

/**
 * CSRF defence for every state-changing request (OWASP ASVS V3.5): the browser-set Origin must be
 * this site (the Host the request came to, or NEXTAUTH_URL). Without an Origin header, the request
 * must say it is same-origin (Sec-Fetch-Site) or carry a same-site Referer; anything else is
 * refused: every browser sends Origin or Sec-Fetch-Site on a cross-site POST.
 */
export function assertSameOrigin(request: Request): void {
  const allowed = allowedOrigins(request);
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (allowed.has(originOf(origin) ?? origin)) return;
  } else if (request.headers.get("sec-fetch-site") === "same-origin") {
    return;
  } else {
    const referer = originOf(request.headers.get("referer"));
    if (referer && allowed.has(referer)) return;
  }
  throw new AppError("forbidden", "Cross-site request refused.");
}

/** Set by the launcher from the TCP socket of each request, replacing any value a client sent. */
export const PEER_ADDRESS_HEADER = "x-parley-peer-address";

/**
 * The client address for rate limiting and security logs. With TRUST_PROXY=N (N proxies append to
 * X-Forwarded-For), the entry the outermost trusted proxy added: a client cannot choose it by
 * sending its own header. With TRUST_PROXY=0 (default) X-Forwarded-For is ignored and the socket's
 * address is used, as passed on by the launcher; without the launcher it is unknown (one shared
 * budget: never a budget a client can dodge).
 */
export function clientIp(
  headers: Headers | Record<string, string | string[] | undefined>,
  trustedProxies = Number(process.env.TRUST_PROXY ?? 0) || 0,
): string {
  const read = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  if (trustedProxies > 0) {
    const forwarded = (read("x-forwarded-for") ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    const entry = forwarded.at(-trustedProxies);
    if (entry) return entry;
  }
  return read(PEER_ADDRESS_HEADER)?.trim() || "unknown";
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () => new AppError("payload_too_large", "Request body is too large.");

/**
 * The request body, read only up to `max` bytes: a declared Content-Length over it is refused
 * before reading, and a body (chunked or lying about its length) is cut off as soon as it passes it.
 */
export async function readBody(request: Request, max: number, onTooLarge: () => AppError = tooLarge): Promise<Uint8Array<ArrayBuffer>> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw onTooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    // A client that goes away mid-body (a tab closed during a request) is a bad request, not a
    // server error: nobody is left to answer, and nothing is logged as unhandled.
    const { done, value } = await reader.read().catch(() => {
      throw new AppError("bad_request", "The request body was cut off.");
    });
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw onTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

export async function readText(request: Request, max = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  return new TextDecoder().decode(await readBody(request, max));
}

/** The JSON object body of a request, or AppError("bad_request"). */
export async function readJson(request: Request, max = DEFAULT_MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const text = await readText(request, max);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body must be a JSON object.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError("bad_request", "Request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** A form-encoded body (what pusher-js posts), or a JSON object body. */
export async function readForm(request: Request, max = DEFAULT_MAX_BODY_BYTES): Promise<Record<string, string>> {
  if (request.headers.get("content-type")?.includes("application/json")) {
    const body = await readJson(request, max);
    return Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  }
  return Object.fromEntries(new URLSearchParams(await readText(request, max)));
}

/** A multipart/form-data body of at most `max` bytes. */
export async function readMultipart(
  request: Request,
  max: number,
  onTooLarge?: () => AppError,
  onMalformed: () => AppError = () => new AppError("bad_request", "Send the request as multipart/form-data."),
): Promise<FormData> {
  const bytes = await readBody(request, max, onTooLarge);
  try {
    return await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw onMalformed();
  }
}

export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}
