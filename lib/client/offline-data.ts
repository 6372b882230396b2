// What this browser keeps of the signed-in user for offline use (issue 16), page side: the stored
// pages and files of the service worker (public/sw.js, the same cache names) and the outbox of
// unsent messages (./outbox.ts, localStorage per user). One account at a time: claimOfflineData
// wipes what another account left here, forgetOfflineData (sign-out) wipes everything.
import { clearOutboxes } from "./outbox";

const SHELL_CACHE = "parley-shell-v1";
const DATA_CACHE = "parley-data-v1";
const META_CACHE = "parley-meta-v1";
const OWNER_KEY = "/__parley/offline-owner";
/** A stored page older than this is stored again when the user opens it. */
const PAGE_REFRESH_MS = 5 * 60_000;
/** Build files kept at most (the oldest go first: earlier deploys' files). */
const SHELL_MAX = 400;

const available = () => typeof window !== "undefined" && "caches" in window;

/**
 * Set at sign-out, for the rest of this page (sign-out ends in a full page load): a store that was
 * already under way (keepPageOffline's timer, its page fetch) must not put the chats back.
 */
let signedOut = false;

/** The stored data belongs to `userId` from now on: anything another account left is wiped first. */
export async function claimOfflineData(userId: string): Promise<void> {
  if (!available() || signedOut) return;
  const meta = await caches.open(META_CACHE);
  const owner = await (await meta.match(OWNER_KEY))?.text();
  if (owner === userId) return;
  await caches.delete(DATA_CACHE);
  await meta.put(OWNER_KEY, new Response(userId, { headers: { "Content-Type": "text/plain" } }));
}

/** Sign-out (a shared computer): no stored chat, page or unsent message of anyone stays in this browser. */
export async function forgetOfflineData(): Promise<void> {
  signedOut = true;
  try {
    clearOutboxes(window.localStorage);
  } catch {
    // storage blocked: nothing was kept
  }
  if (!available()) return;
  // The owner first: the service worker stores nothing while no owner is recorded (public/sw.js).
  await caches.delete(META_CACHE).catch(() => undefined);
  await caches.delete(DATA_CACHE).catch(() => undefined);
}

/**
 * Keeps what reloading the current chat page offline needs: the build files this page loaded
 * (also those loaded before the service worker controlled it) and the page itself (a chat opened
 * by an in-app navigation was never loaded as a page: it is fetched once, then again when older
 * than PAGE_REFRESH_MS), after claiming the stored data for `userId` (the signed-in user).
 */
export async function keepPageOffline(userId: string): Promise<void> {
  if (!available() || signedOut) return;
  await claimOfflineData(userId);
  await keepBuildFiles();
  const url = new URL(window.location.href);
  url.hash = "";
  const data = await caches.open(DATA_CACHE);
  const held = await data.match(url.href, { ignoreVary: true });
  const date = Date.parse(held?.headers.get("Date") ?? "");
  if (held && Date.now() - date < PAGE_REFRESH_MS) return;
  const response = await fetch(url.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (signedOut) return;
  if (response.ok && !response.redirected && (response.headers.get("Content-Type") ?? "").includes("text/html")) {
    await data.put(url.href, response);
  }
}

async function keepBuildFiles(): Promise<void> {
  const urls = new Set<string>();
  const add = (value: string | null) => {
    if (!value) return;
    const url = new URL(value, window.location.href);
    if (url.origin === window.location.origin && url.pathname.startsWith("/_next/static/")) urls.add(url.href);
  };
  for (const entry of performance.getEntriesByType("resource")) add(entry.name);
  document.querySelectorAll<HTMLScriptElement>("script[src]").forEach((s) => add(s.getAttribute("src")));
  document.querySelectorAll<HTMLLinkElement>("link[href]").forEach((l) => add(l.getAttribute("href")));
  const shell = await caches.open(SHELL_CACHE);
  for (const url of urls) {
    if (await shell.match(url)) continue;
    await shell.add(url).catch(() => undefined);
  }
  const keys = await shell.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - SHELL_MAX))) await shell.delete(old);
}
