// Parley's service worker (issue 16): shows Web Push notifications (one per chat: the tag makes a
// new one replace the previous), opens or focuses the chat on a click, marks it read from the
// notification's "Mark as read" action, and keeps the app openable offline. Plain JavaScript served
// from public/.
//
// Offline (fetch handler; the page side is lib/client/offline-data.ts, same cache names):
// - SHELL_CACHE: Next's build files (/_next/static/*: content-hashed, never user data) and the
//   icons, cache first. The page adds the files it loaded before this worker controlled it.
// - DATA_CACHE: the signed-in user's own pages (/chat, /chat/<id>: the HTML as served, WITH its
//   headers) and API reads (the chat list, message pages), network first: the network answer is
//   used and stored, the stored one only when the network fails. One user at a time: the page
//   wipes it when another account signs in on this browser, and at sign-out; this worker wipes it
//   when a chat page answers with a redirect (signed out elsewhere). Never POSTs, never uploads
//   or attachment downloads (/api/uploads), never another path of the API.
// - The CSP nonce: pages get a fresh nonce per request (proxy.ts). A stored page is served with the
//   Content-Security-Policy header it was served with, whose nonce is the one in its inline scripts,
//   so the stored shell runs; an old nonce protects nothing new (the page and its scripts are the
//   ones the server sent then), and a nonce is never reused for a page the server renders now.
/* global self, caches */

const SHELL_CACHE = "parley-shell-v1";
const DATA_CACHE = "parley-data-v1";
const KNOWN_CACHES = [SHELL_CACHE, DATA_CACHE, "parley-meta-v1"];
const CHAT_PAGE = /^\/chat(\/[^/]+)?\/?$/;
const CACHED_API = /^\/api\/conversations(\/[^/]+(\/messages)?)?$/;
const SHELL_FILE = /^\/(_next\/static\/|icon-[^/]+\.png$|favicon\.ico$|manifest\.webmanifest$)/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) =>
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("parley-") && !KNOWN_CACHES.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  ),
);

const storable = (response) => response && response.ok && response.type === "basic" && !response.redirected;

async function cacheFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const held = await cache.match(request);
  if (held) return held;
  const response = await fetch(request);
  if (storable(response)) await cache.put(request, response.clone());
  return response;
}

const OFFLINE_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Parley — offline</title><body style="font-family:system-ui;padding:2rem"><h1>You are offline</h1>
<p>This page was not opened on this device before. Your chats open at <a href="/chat">/chat</a>.</p></body></html>`;

async function networkFirst(request, { page }) {
  const cache = await caches.open(DATA_CACHE);
  const key = new URL(request.url);
  key.hash = "";
  try {
    const response = await fetch(request);
    if (page && (response.type === "opaqueredirect" || response.redirected)) {
      // Not signed in any more (the proxy sends chat pages to sign-in): nobody's chats stay here.
      await caches.delete(DATA_CACHE);
    } else if (storable(response)) {
      await cache.put(key.href, response.clone());
    }
    return response;
  } catch (error) {
    const held = await cache.match(key.href, { ignoreVary: true });
    if (held) return held;
    if (page) return new Response(OFFLINE_PAGE, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (CHAT_PAGE.test(url.pathname)) event.respondWith(networkFirst(request, { page: true }));
    return;
  }
  // Next's client navigations (RSC payloads) and prefetches: network only (offline, Next falls back
  // to a full page load, which the stored page answers).
  if (request.headers.get("RSC") || url.searchParams.has("_rsc")) return;
  if (SHELL_FILE.test(url.pathname)) event.respondWith(cacheFirst(request));
  // Only the first pages (no cursor): what opening the list or a chat reads; a cursor's pages are not kept.
  else if (CACHED_API.test(url.pathname) && url.search === "") event.respondWith(networkFirst(request, { page: false }));
});

self.addEventListener("push", (event) => {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  if (!data || data.v !== 1 || typeof data.title !== "string") return;
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      tag: data.tag,
      renotify: true,
      icon: "/icon-192.png",
      badge: "/icon-192.png",
      data: { url: data.url, conversationId: data.conversationId, messageId: data.messageId },
      actions: [{ action: "read", title: "Mark as read" }],
    }),
  );
});

async function openChat(url) {
  const target = new URL(url || "/chat", self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (open) {
    // The page navigates in-app (no reload): components/notifications/attention.tsx listens.
    open.postMessage({ type: "parley:open", url: new URL(target).pathname });
    return open.focus();
  }
  return self.clients.openWindow(target);
}

self.addEventListener("notificationclick", (event) => {
  const { url, conversationId, messageId } = event.notification.data || {};
  event.notification.close();
  if (event.action === "read" && conversationId && messageId) {
    event.waitUntil(
      fetch(`/api/conversations/${encodeURIComponent(conversationId)}/seen`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ messageId }),
      }).catch(() => undefined),
    );
    return;
  }
  event.waitUntil(openChat(url));
});
